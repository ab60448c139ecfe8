/**
 * @description Conformance: the subscriber of the Conformance_Ping__e platform event
 * (PlatformEventConformanceTest). Platform Events Developer Guide topic: "Subscribe to Platform Event
 * Notifications with Apex Triggers" (after insert only).
 */
trigger ConformancePingTrigger on Conformance_Ping__e(after insert) {
    for (Conformance_Ping__e ping : Trigger.new) {
        ConformanceTriggerLog.record('PING:' + ping.Message__c);
    }
}
