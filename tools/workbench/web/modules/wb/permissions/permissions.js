/**
 * `@salesforce/customPermission/<Name>` in the workbench: whether the running user holds the custom permission
 * in the local org, read once per page load (as Lightning evaluates it when the page loads; a new assignment
 * shows after a reload). The import is a value, not a promise, so the read is a synchronous request to the
 * workbench server (the `customPermissions` script of pages/setup.json). Names the script does not list are
 * granted, as before this module existed.
 */
let granted = null;

function load() {
    try {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", "/wb/actions/script", false);
        xhr.setRequestHeader("Content-Type", "application/json");
        xhr.send(JSON.stringify({ name: "customPermissions" }));
        const data = JSON.parse(xhr.responseText);
        const line = (data.output || "").split("\n").find((l) => l.includes("{"));
        const map = line ? JSON.parse(line.slice(line.indexOf("|") + 1)) : {};
        const out = {};
        for (const [k, v] of Object.entries(map)) out[k.toLowerCase()] = v === true;
        return out;
    } catch (e) {
        return {};
    }
}

/** Whether the running user holds the custom permission. */
export function customPermission(name) {
    if (granted === null) granted = load();
    const v = granted[name.toLowerCase()];
    return v === undefined ? true : v;
}
