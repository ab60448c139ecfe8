/**
 * Platform modules the package uses that `@salesforce/lightning-types` does not declare.
 * Only the members the package calls are declared, so an unexpected use fails type-checking.
 */
declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/schema/*' {
    const field: { fieldApiName: string; objectApiName: string };
    export default field;
}

declare module '@salesforce/customPermission/*' {
    const hasPermission: boolean | undefined;
    export default hasPermission;
}

declare module 'lightning/platformShowToastEvent' {
    export interface ShowToastEventDetail {
        title?: string;
        message: string;
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
        constructor(detail: ShowToastEventDetail);
    }
}

declare module 'lightning/navigation' {
    import type { LightningElement } from 'lwc';
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, unknown>;
    }
    type Constructor<T> = abstract new (...args: never[]) => T;
    export function NavigationMixin<T extends Constructor<LightningElement>>(base: T): T;
    export namespace NavigationMixin {
        const Navigate: unique symbol;
        const GenerateUrl: unique symbol;
    }
    export const CurrentPageReference: unknown;
}

declare module 'lightning/uiRecordApi' {
    export const getRecord: unknown;
    export function getFieldValue(record: unknown, field: unknown): unknown;
}
