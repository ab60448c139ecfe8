/**
 * Apex methods imported into components. Each import is both callable (imperative Apex)
 * and a wire adapter (`@wire(method, params)`), as on the platform.
 */
declare module '@salesforce/apex/*' {
    import type { WireAdapterConstructor } from 'lwc';
    type ApexMethod = ((params?: Record<string, unknown>) => Promise<unknown>) &
        WireAdapterConstructor<Record<string, unknown>, unknown, Record<string, unknown>>;
    const apexMethod: ApexMethod;
    export default apexMethod;
}

/** `refreshApex` re-runs a wired Apex call. */
declare module '@salesforce/apex' {
    export function refreshApex(wiredValue: unknown): Promise<void>;
}
