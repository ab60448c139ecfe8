import { LightningElement, api } from "lwc";
import NEW_BADGE from "@salesforce/label/c.Personalization_Event_Stream_New_Badge";

/** What the Event Stream shows for one event (all text untrusted and rendered as text). */
export interface EventView {
    key: string;
    action: string;
    time: number;
    channelIcon: string;
    channelLabel: string;
    meta: string;
    /** Set only for http/https URLs. */
    url?: string;
    /** An unsafe or relative URL, shown as plain text. */
    urlText?: string;
    itemLine?: string;
    campaignText?: string;
    isNew: boolean;
    rowClass: string;
}

/** One row of the Event Stream: channel icon, event name, time, item with stock, URL and campaign statistic. */
export default class EventStreamItem extends LightningElement {
    /** The event to show. */
    @api item?: EventView;
    /** The current time, epoch ms, shared by the list so relative times agree. */
    @api now?: number;

    readonly newLabel = NEW_BADGE;
}
