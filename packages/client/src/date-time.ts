// RFC 3339 date-time, as JSON Schema's `date-time` format reads it: the offset is required.
const DATE_TIME =
  /^(\d{4})-(\d\d)-(\d\d)[t\s](\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;

/** RFC 3339 date-time (leap seconds included), exactly as ajv-formats' full `date-time` accepts it. */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec, oh, om] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const sign = m[7] === "-" ? -1 : 1;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (!days || d < 1 || d > days || oh > 23 || om > 59) return false;
  if (h <= 23 && mi <= 59 && sec < 60) return true;
  // A leap second is 23:59:60 in UTC, whatever the offset.
  const utcMin = mi - om * sign;
  const utcHour = h - oh * sign - (utcMin < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}
