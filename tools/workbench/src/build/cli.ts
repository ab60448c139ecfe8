import { buildWeb } from "./bundle";

/** `node dist/tools/workbench/src/build/cli.js`: builds the browser bundle only. */
buildWeb({ log: (l) => console.log(l) }).then(
    (r) => {
        if (r.unbuilt.length) console.log(`not built (run npm run build): ${r.unbuilt.join(", ")}`);
        if (r.missingLabels.length) console.log(`labels missing from the labels files: ${r.missingLabels.join(", ")}`);
    },
    (e: unknown) => {
        console.error(e instanceof Error ? e.message : String(e));
        process.exit(1);
    }
);
