import { describeClientContract } from "./suite.js";
import { sandboxTarget } from "./targets.js";

describeClientContract(sandboxTarget("HTTP"));
