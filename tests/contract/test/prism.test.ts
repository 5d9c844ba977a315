import { describeClientContract } from "./suite.js";
import { prismTarget } from "./targets.js";

describeClientContract(prismTarget());
