/**
 * The Flow action's custom property editor hosted as Flow Builder hosts it (issue 9): the admin picks the dataset
 * from the MCP-filled picker, names the interaction, maps an identity to a Flow value, sees the editor's
 * design-time validation, and runs the action with the resulting inputs through the real Apex; the event reaches
 * the emulator. A console error or uncaught exception fails the test. Screenshot: reports/workbench/flow-editor.png.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { watchedPage } from "../src/e2e/browser";
import { pick, shot, useWorkbench } from "../src/e2e/session";
import { apexStringMap } from "../src/server/server";

const JANE = "003Hs00002Jd0AkIAJ"; // Contact with an MCP profile in the demo seed
const STEP_TIMEOUT = 120_000;

// the project's own read contract (surface extended): these tests exercise every reading feature in full
const session = useWorkbench({ surface: "extended" });

test("Flow inputs reach the action's Apex as quoted string literals", () => {
    assert.equal(
        apexStringMap({ interactionName: "Case 'A'\\1\nx", dataset: null, "bad key": "x", n: 3 }),
        "new Map<String, String>{ 'interactionName' => 'Case \\'A\\'\\\\1\\nx', 'dataset' => null }"
    );
    assert.equal(apexStringMap([1, 2]), "new Map<String, String>{  }");
});

test(
    "the property editor in Flow Builder: MCP pickers, validation, inputs, and a run that reaches the emulator",
    { timeout: 600_000 },
    async () => {
        const { page, errors } = await watchedPage(session.browser);
        await page.goto(`${session.wb.url}#/page/flowEditor`);
        const editor = page.locator("c-personalization-send-data-editor");
        const dataset = editor.locator('lightning-combobox[data-id="dataset"]');
        await dataset.waitFor({ timeout: STEP_TIMEOUT });

        // Done with nothing filled in: the editor refuses, naming what is missing
        await page.locator('[data-action="done"] button').click();
        const problems = page.locator("[data-validation-error]");
        await problems.first().waitFor({ timeout: STEP_TIMEOUT });
        const missing = await problems.allInnerTexts();
        assert.ok(missing.length >= 2, `interaction and identity are reported: ${missing.join(" | ")}`);

        // the dataset picker is filled from MCP metadata
        await pick(dataset, "engage");
        await editor.locator('lightning-input[data-id="interaction"] input').fill("Workbench Flow Editor");
        await editor.locator('[data-id="add-identity"] button').click();
        const identity = editor.locator('[data-row="identity"]').first();
        await pick(identity.locator("lightning-combobox"), "sfdcContactId");

        // an identity without a value is bad input
        await page.locator('[data-action="done"] button').click();
        await page.locator("[data-validation-error]").first().waitFor({ timeout: STEP_TIMEOUT });
        assert.equal(await problems.count(), 1, (await problems.allInnerTexts()).join(" | "));

        await identity.locator("lightning-input input").fill("{!$Record.Id}");
        await page.locator('[data-action="done"] button').click();
        await page.locator("[data-validation-ok]").waitFor({ timeout: STEP_TIMEOUT });

        // the input values Flow Builder would store
        const inputs = page.locator("[data-inputs]");
        assert.match(
            await inputs.locator('[data-input="interactionName"] [data-value]').innerText(),
            /Workbench Flow Editor/
        );
        assert.equal(await inputs.locator('[data-input="dataset"] [data-value]').innerText(), "engage");
        assert.match(await inputs.locator('[data-input="mapping"] [data-value]').innerText(), /sfdcContactId/);
        assert.equal(await inputs.locator('[data-input="value1"] [data-value]').innerText(), "$Record.Id");
        await shot(page, "flow-editor");

        // run for Jane: the reference resolves to her Id, the action delivers to the emulator
        const before = (await session.emulatorRequests("/api2/")).length;
        await pick(page.locator('lightning-combobox[data-field="record"]'), JANE);
        await page.locator('[data-action="run"] button').click();
        const status = page.locator("[data-run-status]");
        await status.waitFor({ timeout: STEP_TIMEOUT });
        assert.match(await status.innerText(), /^Delivered/, await status.innerText());
        const sent = (await session.emulatorRequests("/api2/")).slice(before);
        const event = sent.find((r) => r.body.includes("Workbench Flow Editor"));
        assert.ok(event, "the event reached the emulator");
        assert.ok(event.body.includes(JANE), "with the identity resolved from the record");
        await shot(page, "flow-editor-run");
        assert.deepEqual(errors, []);
        await page.close();
    }
);
