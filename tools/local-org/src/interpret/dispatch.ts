import type { NativeCtx } from "../runtime/nativeApi";
import { dataConstruct, dataInstance, dataInstanceProp, dataStaticProp, NOT_HANDLED } from "../data/natives";
import { dataStatic, dataStaticMethodNames } from "../data/staticNatives";
import { DEPLOY_NATIVE, deployCustomMetadata } from "../data/metadataDeploy";
import { UnsupportedError } from "../runtime/errors";
import { newRequest, newResponse, requestMethod, responseMethod, send } from "../runtime/http/http";
import { isNumber } from "../runtime/values/numbers";
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexId,
    ApexList,
    ApexMap,
    ApexSet,
    ApexTime,
    EnumValue,
    NativeObject,
    TypeValue,
    type Value
} from "../runtime/values/values";
import { valueTypeName } from "../runtime/values/typeNames";
import { noMethod } from "../runtime/system/args";
import { constructVisualEditor, dataRowMethod, pickListRowsMethod } from "../runtime/system/visualEditor";

export { valueTypeName };
import { listMethod, mapMethod, setMethod } from "../runtime/system/collections";
import {
    dateMethod,
    dateStatics,
    datetimeMethod,
    datetimeStatics,
    timeMethod,
    timeStatics
} from "../runtime/system/dates";
import { jsonStatics } from "../data/json";
import {
    decimalStatics,
    doubleStatics,
    integerStatics,
    longStatics,
    mathStatics,
    numberMethod
} from "../runtime/system/numbers";
import {
    NATIVE_ENUMS,
    assertStatics,
    blobMethod,
    blobStatics,
    booleanMethod,
    booleanStatics,
    cryptoStatics,
    encodingStatics,
    limitsStatics,
    systemStatics,
    testStatics,
    timeZoneMethod,
    typeMethod,
    typeStatics,
    userInfoStatics
} from "../runtime/system/platform";
import { matcherMethod, patternMethod, patternStatics } from "../runtime/system/pattern";
import {
    cryptoAesStatics,
    networkStatics,
    newUrl,
    urlMethod,
    urlStatics,
    UrlValue,
    uuidMethod,
    uuidStatics,
    UuidValue
} from "../runtime/system/platformExtras";
import { idMethod, idStatics, stringMethod, stringStatics } from "../runtime/system/strings";

type Statics = Record<string, (a: Value[], ctx: NativeCtx) => Value>;

/** Static methods of system classes, by lower-cased class name. */
const STATICS: Record<string, Statics> = {
    string: stringStatics,
    integer: integerStatics,
    long: longStatics,
    decimal: decimalStatics,
    double: doubleStatics,
    boolean: booleanStatics,
    math: mathStatics,
    json: jsonStatics,
    system: systemStatics,
    test: testStatics,
    assert: assertStatics,
    userinfo: userInfoStatics,
    limits: limitsStatics,
    type: typeStatics,
    encodingutil: encodingStatics,
    blob: blobStatics,
    crypto: { ...cryptoStatics, ...cryptoAesStatics },
    uuid: uuidStatics,
    url: urlStatics,
    network: networkStatics,
    date: dateStatics,
    datetime: datetimeStatics,
    time: timeStatics,
    id: { valueof: (a) => idStatics("valueof", a) },
    pattern: patternStatics
};

/** Calls `Type.method(args)` on a system class; unknown members fail loudly. */
export function callStaticNative(type: string, lname: string, args: Value[], ctx: NativeCtx): Value {
    const t = type.toLowerCase();
    // The data layer first: it also refines UserInfo under System.runAs.
    const ext = dataStatic(type, lname, args, ctx);
    if (ext !== NOT_HANDLED) return ext;
    if (t === "system" && lname === DEPLOY_NATIVE && ctx.host.data)
        return deployCustomMetadata(ctx.host.data, args, ctx);
    const fn = STATICS[t]?.[lname];
    if (fn) return fn(args, ctx);
    if (t === "system" && STATICS.system[lname] === undefined) {
        if (["enqueuejob", "schedule", "schedulebatch", "abortjob"].includes(lname))
            throw new UnsupportedError(`System.${lname} without an org data layer`);
    }
    // values() only where the declaration order is known (LoggingLevel); RoundingMode's is not confirmed.
    const enumValues = NATIVE_ENUMS[t];
    if (enumValues && t === "logginglevel") {
        if (lname === "values" && args.length === 0)
            return new ApexList(
                { k: "native", name: type },
                enumValues.map((v, i) => new EnumValue(type, v, i, null))
            );
    }
    throw new UnsupportedError(`method ${type}.${lname}(${args.length} argument${args.length === 1 ? "" : "s"})`);
}

/** Reads `Type.NAME` of a system class (system enums such as `RoundingMode.HALF_UP`). */
export function staticPropNative(type: string, name: string, _ctx: NativeCtx): Value {
    const values = NATIVE_ENUMS[type.toLowerCase()];
    if (values) {
        const idx = values.findIndex((v) => v.toLowerCase() === name.toLowerCase());
        if (idx >= 0) return new EnumValue(type, values[idx], idx, null);
    }
    const ext = dataStaticProp(type, name, _ctx);
    if (ext !== NOT_HANDLED) return ext;
    throw new UnsupportedError(`static property ${type}.${name}`);
}

export function constructNative(type: string, args: Value[], _ctx: NativeCtx): Value {
    switch (type.toLowerCase()) {
        case "httprequest":
            return newRequest();
        case "httpresponse":
            return newResponse();
        case "http":
            return new NativeObject("Http", {});
        case "url":
            return newUrl(args);
    }
    const visualEditor = constructVisualEditor(type, args);
    if (visualEditor) return visualEditor;
    const ext = dataConstruct(type, args, _ctx);
    if (ext !== NOT_HANDLED) return ext;
    throw new UnsupportedError(`new ${type}(${args.length} arguments)`);
}

/** Instance methods on system values (String, collections, numbers, dates, natives). */
export function callInstanceNative(v: Value, lname: string, args: Value[], ctx: NativeCtx): Value {
    if (v instanceof NativeObject || v instanceof ApexId) {
        // Data-layer values: SObjects, describes, DML results, cache partitions, Id.getSObjectType().
        const ext = dataInstance(v, lname, args, ctx);
        if (ext !== NOT_HANDLED) return ext;
    }
    if (typeof v === "string") return stringMethod(v, lname, args, ctx);
    if (v instanceof ApexId) return idMethod(v.id18, lname, args, ctx);
    if (isNumber(v)) return numberMethod(v, lname, args, ctx);
    if (typeof v === "boolean") return booleanMethod(v, lname, args);
    if (v instanceof ApexList) return listMethod(v, lname, args, ctx);
    if (v instanceof ApexSet) return setMethod(v, lname, args, ctx);
    if (v instanceof ApexMap) return mapMethod(v, lname, args, ctx);
    if (v instanceof ApexDate) return dateMethod(v, lname, args);
    if (v instanceof ApexDatetime) return datetimeMethod(v, lname, args);
    if (v instanceof ApexTime) return timeMethod(v, lname, args);
    if (v instanceof ApexBlob) return blobMethod(v, lname, args);
    if (v instanceof TypeValue) return typeMethod(v, lname, args, ctx);
    if (v instanceof UuidValue) return uuidMethod(v, lname, args);
    if (v instanceof UrlValue) return urlMethod(v, lname, args);
    if (v instanceof NativeObject) {
        switch (v.typeName) {
            case "HttpRequest":
                return requestMethod(v, lname, args);
            case "HttpResponse":
                return responseMethod(v, lname, args);
            case "Http":
                if (lname === "send") return send(args, ctx);
                break;
            case "TimeZone":
                return timeZoneMethod(v, lname, args);
            case "VisualEditor.DataRow":
                return dataRowMethod(v, lname, args);
            case "VisualEditor.DynamicPickListRows":
                return pickListRowsMethod(v, lname, args, ctx);
            case "Pattern":
                return patternMethod(v, lname, args);
            case "Matcher":
                return matcherMethod(v, lname, args);
        }
        return noMethod(`${v.typeName}.${lname}`, args.length);
    }
    return noMethod(`${valueTypeName(v)}.${lname}`, args.length);
}

/** Reads a property of a system value (`describe.fields`); unknown properties fail loudly. */
export function instancePropNative(v: Value, name: string, ctx: NativeCtx): Value {
    const ext = dataInstanceProp(v, name, ctx);
    if (ext !== NOT_HANDLED) return ext;
    throw new UnsupportedError(`field ${name} on ${valueTypeName(v)}`);
}

/**
 * For the supported-subset check: whether `Type.method` is a static method the local org implements.
 * null when the local org does not list the type's static methods (the check then says nothing).
 */
export function isKnownStaticMethod(type: string, lname: string): boolean | null {
    const t = type.toLowerCase().replace(/^system\./, "");
    const table = STATICS[t];
    const extra = dataStaticMethodNames(t);
    if (!table && !extra) return null;
    if (table?.[lname] || extra?.includes(lname)) return true;
    if (t === "limits" && lname.startsWith("get")) return true;
    if (t === "system" && lname === DEPLOY_NATIVE) return true;
    if (t === "logginglevel" && lname === "values") return true;
    return false;
}

/**
 * For the supported-subset check: whether a String instance method with this arity is implemented,
 * probed on a sample value (String methods are pure). A call that fails for any other reason (null
 * arguments) counts as implemented.
 */
export function isKnownStringMethod(lname: string, arity: number, ctx: NativeCtx): boolean {
    try {
        stringMethod("x", lname, new Array<Value>(arity).fill(null), ctx);
        return true;
    } catch (e) {
        return !(e instanceof UnsupportedError && e.construct.startsWith(`method String.${lname}`));
    }
}
