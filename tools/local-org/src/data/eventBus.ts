import { UnsupportedError } from "../runtime/errors";
import { ApexId } from "../runtime/values/values";
import type { DmlRowResult } from "./dml";
import type { Governor } from "./limits";
import type { ObjectDef } from "./schema";
import { SObjectValue } from "./sobject";
import type { Store } from "./store";
import type { Triggers } from "./triggers";

/**
 * Platform events (`X__e`; Apex Reference "EventBus Class", Platform Events Developer Guide "Test
 * Platform Event Triggers"). `EventBus.publish` counts one DML statement, queues the events and returns
 * a successful `Database.SaveResult` per event; they are delivered to the subscriber triggers (`after
 * insert` on the event object) at `Test.stopTest()` or `Test.getEventBus().deliver()` in a test, and after
 * the transaction outside tests. DML and SOQL on an event object fail loudly (the platform refuses them).
 */
export class EventBus {
    private pending: SObjectValue[] = [];

    clear(): void {
        this.pending = [];
    }

    publish(store: Store, governor: Governor, events: SObjectValue[]): DmlRowResult[] {
        governor.add("dmlStatements");
        governor.add("dmlRows", events.length);
        return events.map((e) => {
            if (!e.def.platformEvent)
                throw new UnsupportedError(`EventBus.publish of ${e.def.name}, which is not a platform event`);
            const copy = new SObjectValue(e.def);
            for (const [k, v] of e.values) copy.values.set(k, v);
            const id = store.newId(e.def.keyPrefix);
            copy.values.set("id", new ApexId(id));
            this.pending.push(copy);
            return { id, success: true, created: true, errors: [] };
        });
    }

    /** Delivers the queued events, per event object in publishing order, to its `after insert` triggers. */
    deliver(triggers: Triggers, governor: Governor): void {
        while (this.pending.length) {
            const batch = this.pending;
            this.pending = [];
            const byObject = new Map<ObjectDef, SObjectValue[]>();
            for (const e of batch) {
                const list = byObject.get(e.def) ?? [];
                list.push(e);
                byObject.set(e.def, list);
            }
            for (const [def, events] of byObject)
                for (let i = 0; i < events.length; i += 2000)
                    governor.withContext(true, () => triggers.deliverEvents(def, events.slice(i, i + 2000)));
        }
    }
}

export function refusePlatformEventDml(def: ObjectDef, op: string): void {
    if (def.platformEvent)
        throw new UnsupportedError(
            `${op} on platform event ${def.name} (the platform rejects DML on platform events: use EventBus.publish)`
        );
}
