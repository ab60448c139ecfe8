// Workbench shell entry: synthetic shadow (as in Lightning Experience), then the app component.
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import App from "wb/app";

const app = createElement("wb-app", { is: App });
document.getElementById("root").appendChild(app);
