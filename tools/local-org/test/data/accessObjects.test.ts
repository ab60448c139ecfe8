import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "../helpers";

describe("permission rows", () => {
    it("a permission set's View All / Modify All from its metadata become ObjectPermissions rows", () => {
        const org = orgFrom({
            "permissionsets/Sync_User.permissionset-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Sync User</label>
    <objectPermissions>
        <object>Contact</object>
        <allowRead>true</allowRead>
        <allowEdit>true</allowEdit>
        <viewAllRecords>true</viewAllRecords>
        <modifyAllRecords>true</modifyAllRecords>
    </objectPermissions>
    <objectPermissions>
        <object>Lead</object>
        <allowRead>true</allowRead>
        <viewAllRecords>true</viewAllRecords>
    </objectPermissions>
</PermissionSet>`
        });
        const r = org.runAnonymous(`
for (ObjectPermissions p : [SELECT SobjectType, PermissionsViewAllRecords, PermissionsModifyAllRecords, Parent.Name FROM ObjectPermissions ORDER BY SobjectType])
    System.debug(p.Parent.Name + ' ' + p.SobjectType + ' ' + p.PermissionsViewAllRecords + ' ' + p.PermissionsModifyAllRecords);
System.debug([SELECT PermissionsModifyAllData FROM PermissionSet WHERE Name = 'Sync_User'].PermissionsModifyAllData);`);
        assert.equal(r.success, true, r.error ?? "");
        assert.deepEqual(
            r.debugLog.map((d) => d.message),
            ["Sync_User Contact true true", "Sync_User Lead true false", "false"]
        );
        org.close();
    });
});
