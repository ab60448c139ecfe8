// lightning/flowSupport: Flow navigation events (the workbench has no Flow runtime; events bubble to the shell).
function flowEvent(name, detail) {
    return new CustomEvent(name, { bubbles: true, composed: true, detail });
}
export class FlowAttributeChangeEvent extends CustomEvent {
    constructor(attributeName, attributeValue) {
        super("flowattributechange", { bubbles: true, composed: true, detail: { attributeName, attributeValue } });
    }
}
export class FlowNavigationNextEvent extends CustomEvent {
    constructor() {
        super("flownavigationnext", { bubbles: true, composed: true });
    }
}
export class FlowNavigationFinishEvent extends CustomEvent {
    constructor() {
        super("flownavigationfinish", { bubbles: true, composed: true });
    }
}
export class FlowNavigationBackEvent extends CustomEvent {
    constructor() {
        super("flownavigationback", { bubbles: true, composed: true });
    }
}
export { flowEvent };
