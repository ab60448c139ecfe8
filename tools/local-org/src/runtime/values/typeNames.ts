import { typeName } from "../../link/rtype";
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexTime,
    EnumValue,
    TypeValue,
    type Value
} from "./values";

/** Runtime type name of a value as the platform prints it in TypeException messages. */
export function valueTypeName(v: Value): string {
    if (v === null) return "null";
    switch (typeof v) {
        case "string":
            return "String";
        case "boolean":
            return "Boolean";
        case "number":
            return "Integer";
        case "bigint":
            return "Long";
    }
    if (v instanceof ApexDecimal) return "Decimal";
    if (v instanceof ApexDouble) return "Double";
    if (v instanceof ApexId) return "Id";
    if (v instanceof ApexDate) return "Date";
    if (v instanceof ApexDatetime) return "Datetime";
    if (v instanceof ApexTime) return "Time";
    if (v instanceof ApexBlob) return "Blob";
    if (v instanceof ApexList) return `List<${typeName(v.elemType)}>`;
    if (v instanceof ApexSet) return `Set<${typeName(v.elemType)}>`;
    if (v instanceof ApexMap) return `Map<${typeName(v.keyType)},${typeName(v.valueType)}>`;
    if (v instanceof ApexObject) return v.cls.name;
    if (v instanceof EnumValue) return v.enumName;
    if (v instanceof TypeValue) return "System.Type";
    return v.typeName;
}
