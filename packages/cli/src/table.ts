// Tables for people (cli-table3, loaded only when one is printed); --json never gets here. Every cell is data, so
// every cell is made printable.
import { printable } from "./terminal.js";
export async function table(head: string[], rows: (string | number)[][]): Promise<string> {
  const { default: Table } = await import("cli-table3");
  // No colour codes in the table itself: a piped table stays plain text.
  const t = new Table({
    head,
    style: { head: [], border: [] },
    // One line per row: no rules between rows.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  t.push(...rows.map((r) => r.map((cell) => printable(String(cell)))));
  return t.toString();
}
