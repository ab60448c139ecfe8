/**
 * @description Conformance: a trigger on every event of Conformance_Probe__c (TriggerConformanceTest).
 * Apex Developer Guide topics: "Triggers", "Trigger Context Variables", "Triggers and Order of Execution".
 */
trigger ConformanceProbeTrigger on Conformance_Probe__c(
    before insert,
    before update,
    before delete,
    after insert,
    after update,
    after delete,
    after undelete
) {
    ConformanceTriggerLog.record(String.valueOf(Trigger.operationType) + ':' + Trigger.size);
    ConformanceTriggerLog.detail(
        'before=' +
            Trigger.isBefore +
            ' after=' +
            Trigger.isAfter +
            ' insert=' +
            Trigger.isInsert +
            ' update=' +
            Trigger.isUpdate +
            ' delete=' +
            Trigger.isDelete +
            ' undelete=' +
            Trigger.isUndelete +
            ' new=' +
            (Trigger.new == null ? 'null' : String.valueOf(Trigger.new.size())) +
            ' old=' +
            (Trigger.old == null ? 'null' : String.valueOf(Trigger.old.size())) +
            ' newMap=' +
            (Trigger.newMap == null ? 'null' : String.valueOf(Trigger.newMap.size())) +
            ' oldMap=' +
            (Trigger.oldMap == null ? 'null' : String.valueOf(Trigger.oldMap.size()))
    );
    if (Trigger.isBefore && (Trigger.isInsert || Trigger.isUpdate)) {
        for (Conformance_Probe__c p : Trigger.new) {
            ConformanceTriggerLog.detail('id=' + (p.Id == null ? 'null' : 'set'));
            if (p.Code__c == null) {
                p.Code__c = 'AUTO';
            }
            if (p.Name == 'reject') {
                p.addError('rejected by trigger');
            }
            if (p.Status__c == 'throw') {
                throw new ConformanceTriggerLog.ProbeException('boom');
            }
            if (Trigger.isUpdate) {
                ConformanceTriggerLog.detail(
                    'old=' + Trigger.oldMap.get(p.Id).Status__c + ' new=' + Trigger.newMap.get(p.Id).Status__c
                );
            }
        }
    }
    if (Trigger.isBefore && Trigger.isDelete) {
        for (Conformance_Probe__c p : Trigger.old) {
            if (p.Name == 'keep') {
                p.addError('cannot delete');
            }
        }
    }
    if (Trigger.isAfter && Trigger.isInsert) {
        List<Conformance_Probe__c> children = new List<Conformance_Probe__c>();
        for (Conformance_Probe__c p : Trigger.new) {
            ConformanceTriggerLog.detail('id=' + (p.Id == null ? 'null' : 'set'));
            if (p.Status__c == 'spawn') {
                children.add(new Conformance_Probe__c(Name = 'child', Parent__c = p.Id));
            }
        }
        if (!children.isEmpty()) {
            insert children;
        }
    }
    if (Trigger.isAfter && Trigger.isUpdate) {
        try {
            Trigger.new[0].Log__c = 'changed';
            ConformanceTriggerLog.detail('writable');
        } catch (FinalException e) {
            ConformanceTriggerLog.detail('read-only');
        }
    }
}
