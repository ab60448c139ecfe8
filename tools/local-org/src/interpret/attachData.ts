import type { CompilationUnit } from "../ast/nodes";
import type { Interpreter } from "./interpreter";
import type { OrgHost } from "./orgHost";
import type { Registry } from "../link/registry";
import { isSubclass } from "../link/rtype";
import { clockSettings } from "../runtime/values/clock";
import { exceptionTypeName } from "../runtime/values/format";
import type { NativeObject, Value } from "../runtime/values/values";
import { resolveDataType } from "../data/natives";
import { OrgData } from "../data/orgData";
import type { OrgFeatures } from "../data/schema";

/**
 * Wires the data layer into a loaded org: SObject and data-layer type names resolve through the registry,
 * system classes reach the data through `Host.data`, and async jobs call back into the interpreter.
 * Call before the registry links (type resolution is cached).
 */
export function createOrgData(sourceDirs: string[], registry: Registry, features?: OrgFeatures): OrgData {
    const data = new OrgData(sourceDirs, () => clockSettings.now(), features);
    registry.extraTypes = (names) => resolveDataType(names, data);
    return data;
}

/** Registers the sources' triggers with the data layer; the interpreter runs their bodies on DML. */
function attachTriggers(data: OrgData, interpreter: Interpreter, units: CompilationUnit[]): void {
    for (const u of units) {
        const t = u.trigger;
        if (!t) continue;
        const obj = data.schema.object(t.object);
        data.triggers.add({
            name: t.name,
            objectLname: (obj?.name ?? t.object).toLowerCase(),
            events: new Set(t.events),
            unit: u
        });
    }
    data.triggers.runner = {
        run: (ctx) => interpreter.runTrigger(ctx.def.unit as CompilationUnit),
        describe: (e) => {
            const exc = interpreter.toApexException(e);
            if (!exc?.exc) return null;
            const type = exceptionTypeName(exc);
            if (type === "System.LimitException") return null;
            return `${type}: ${exc.exc.message ?? ""}\n\n${exc.exc.stack}`;
        }
    };
}

/** Connects the data layer to the host and the interpreter (async execution, triggers). */
export function attachData(
    data: OrgData,
    host: OrgHost,
    interpreter: Interpreter,
    registry: Registry,
    units: CompilationUnit[] = []
): void {
    host.data = data;
    attachTriggers(data, interpreter, units);
    data.heapRoots = () => interpreter.heapRoots();
    data.sharingContext = () => interpreter.sharingContext();
    data.attachAsync({
        store: data.store,
        now: () => clockSettings.now(),
        isRunningTest: () => host.isRunningTest,
        invoke: (obj, method, args) =>
            interpreter.callOnValue(obj, method.toLowerCase(), method, args, { line: 0, col: 0 }),
        inAsyncTransaction: (fn) => {
            // A queued job is its own transaction: fresh limits, no pending DML, its own callout count.
            const savedDml = data.dmlInTransaction;
            const savedLimits = host.limits;
            const savedRequest = data.requestId;
            data.dmlInTransaction = false;
            host.limits = { callouts: 0 };
            data.newRequest();
            // an unhandled exception rolls back the job's DML (its AsyncApexJob row is kept: not DML)
            const journal = !data.store.journaling;
            if (journal) data.store.beginJournal();
            try {
                // a job is the entry point of its transaction: its own class's sharing keyword decides
                interpreter.asEntryPoint(() => data.governor.withContext(true, fn));
                if (journal) data.store.commitJournal();
            } catch (e) {
                if (journal) data.store.rollbackJournal();
                throw e;
            } finally {
                host.calloutPeak = Math.max(host.calloutPeak, host.limits.callouts);
                host.limits = savedLimits;
                data.dmlInTransaction = savedDml;
                data.requestId = savedRequest;
            }
        },
        currentUser: () => data.userId,
        asUser: (userId, fn) => data.runAs(userId, fn),
        locatorRows: (locator: NativeObject) => (locator.state.rows as Value[]) ?? [],
        toException: (e) => interpreter.toApexException(e),
        implementsInterface: (obj, name) => {
            const iface = registry.classes.get(name.toLowerCase());
            return iface ? isSubclass(obj.cls, iface) : false;
        }
    });
}
