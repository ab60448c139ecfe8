/** Parsed SOQL, independent of ANTLR classes. Field paths keep their source spelling. */

export type Operand =
    | { kind: "lit"; value: LitValue }
    | { kind: "bind"; index: number; text: string }
    | { kind: "list"; items: Operand[] }
    | { kind: "dateFormula"; name: string; n: number }
    | { kind: "subquery"; query: SoqlQuery };

export type LitValue =
    | { t: "null" }
    | { t: "boolean"; v: boolean }
    | { t: "number"; text: string }
    | { t: "string"; v: string }
    | { t: "date"; text: string }
    | { t: "datetime"; text: string };

export type Condition =
    | { kind: "and"; items: Condition[] }
    | { kind: "or"; items: Condition[] }
    | { kind: "not"; item: Condition }
    | { kind: "cmp"; path: string[]; op: string; value: Operand; fn: string | null };

export type SelectItem =
    | { kind: "field"; path: string[] }
    | { kind: "sub"; query: SoqlQuery }
    | { kind: "agg"; fn: string; path: string[] | null; alias: string | null };

export interface OrderKey {
    path: string[];
    desc: boolean;
    nullsLast: boolean;
}

export interface SoqlQuery {
    /** FROM name (an object, or a child relationship name in a subquery). */
    from: string;
    alias: string | null;
    select: SelectItem[];
    where: Condition | null;
    withMode: "USER_MODE" | "SYSTEM_MODE" | "SECURITY_ENFORCED" | null;
    groupBy: string[][];
    orderBy: OrderKey[];
    limit: Operand | null;
    offset: Operand | null;
    forUpdate: boolean;
    allRows: boolean;
    /** `SELECT COUNT() FROM …`: the query returns an Integer. */
    countOnly: boolean;
    /** Number of bind expressions in the whole query text. */
    bindCount: number;
}
