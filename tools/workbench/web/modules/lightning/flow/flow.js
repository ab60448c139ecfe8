import { LightningElement, api } from "lwc";

/** `lightning-flow` stand-in (not in lightning-base-components): shows the Flow and its inputs, and can finish. */
export default class Flow extends LightningElement {
    @api flowApiName;
    @api flowInputVariables;
    @api flowFinishBehavior;

    get inputs() {
        return (this.flowInputVariables || []).map((v) => ({ name: v.name, value: String(v.value) }));
    }

    finish() {
        this.dispatchEvent(new CustomEvent("statuschange", { detail: { status: "FINISHED", outputVariables: [] } }));
    }
}
