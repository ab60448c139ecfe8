// lightning/navigation: record pages navigate inside the workbench; web pages open in a new tab.
const Navigate = Symbol("Navigate");
const GenerateUrl = Symbol("GenerateUrl");

function urlFor(ref) {
    const attrs = (ref && ref.attributes) || {};
    if (ref && ref.type === "standard__recordPage" && attrs.recordId) return `#/record/${attrs.recordId}`;
    if (ref && ref.type === "standard__webPage" && attrs.url) return attrs.url;
    return "#/records";
}

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](ref) {
            const url = urlFor(ref);
            if (url.startsWith("#")) window.location.hash = url.slice(1);
            else window.open(url, "_blank", "noopener");
        }
        [GenerateUrl](ref) {
            return Promise.resolve(urlFor(ref));
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }
    connect() {
        this.dataCallback({ type: "standard__namedPage", attributes: {}, state: {} });
    }
    update() {}
    disconnect() {}
}
