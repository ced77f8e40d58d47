// Compiles static/scss/app.scss and copies GOV.UK Frontend's script and images into static/dist/.
// Run by `make bootstrap` (npm run build); static/dist/ is never committed.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "static", "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
mkdirSync(dist, { recursive: true });

const result = sass.compile(join(root, "static", "scss", "app.scss"), {
  importers: [new sass.NodePackageImporter(root)],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(dist, "app.css"), result.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
// No fonts or images: they are GDS Transport and the crown, which are for gov.uk alone.
console.log("built static/dist/app.css (" + result.css.length + " bytes)");
