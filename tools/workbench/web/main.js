// Workbench shell entry: synthetic shadow (as in Lightning Experience), then the app component.
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import App from "wb/app";
import { configureDataLayer } from "c/recordPageData";

// `?dataLayer=per-component`: every component calls Apex on its own and nothing is kept in the tab, as before the
// record page's data layer, so
// `npm run bench:page` can measure both in one run. Lightning Experience always coalesces.
if (new URLSearchParams(window.location.search).get("dataLayer") === "per-component") {
    configureDataLayer({ coalesce: false });
}

const app = createElement("wb-app", { is: App });
document.getElementById("root").appendChild(app);
