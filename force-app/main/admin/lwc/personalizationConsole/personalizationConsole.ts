import { LightningElement } from "lwc";
import hasAdminPermission from "@salesforce/customPermission/Personalization_Admin_Console";
import TITLE from "@salesforce/label/c.Personalization_Console_Title";
import SUBTITLE from "@salesforce/label/c.Personalization_Console_Subtitle";
import NO_ACCESS from "@salesforce/label/c.Personalization_Admin_Access_Denied";
import TAB_SETUP from "@salesforce/label/c.Personalization_Console_Tab_Setup";
import TAB_PREFLIGHT from "@salesforce/label/c.Personalization_Console_Tab_Preflight";
import TAB_SYNC from "@salesforce/label/c.Personalization_Console_Tab_Sync";
import TAB_DELIVERIES from "@salesforce/label/c.Personalization_Console_Tab_Deliveries";
import TAB_MONITOR from "@salesforce/label/c.Personalization_Console_Tab_Monitor";
import TAB_DIAGNOSTICS from "@salesforce/label/c.Personalization_Console_Tab_Diagnostics";

/**
 * The Personalization admin console: guided setup, pre-flight check, sync health, Flow delivery log, and alerts
 * and usage, each in a tab. Users without the Personalization Admin permission set see a clear message and no
 * console (the Apex refuses them too).
 */
export default class PersonalizationConsole extends LightningElement {
    labels = {
        TITLE,
        SUBTITLE,
        NO_ACCESS,
        TAB_SETUP,
        TAB_PREFLIGHT,
        TAB_SYNC,
        TAB_DELIVERIES,
        TAB_MONITOR,
        TAB_DIAGNOSTICS
    };

    get allowed(): boolean {
        return hasAdminPermission === true;
    }
}
