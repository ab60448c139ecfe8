/** The running user's locale and time zone (`@salesforce/i18n/...`), used to format times and numbers. */
declare module "@salesforce/i18n/locale" {
    const locale: string;
    export default locale;
}

declare module "@salesforce/i18n/timeZone" {
    const timeZone: string;
    export default timeZone;
}

declare module "@salesforce/i18n/currency" {
    const currency: string;
    export default currency;
}
