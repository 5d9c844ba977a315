// The console page the sandbox serves (under /_sandbox/console/): it works on that sandbox's workspaces.
import { httpSandbox, mount } from "./app.js";

const root = document.getElementById("console");
if (root) mount(root, { targets: [httpSandbox(location.origin)] });
