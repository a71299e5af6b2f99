const LOCAL = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?$/;

/**
 * Epoch milliseconds of a wall-clock time without an offset ("2026-03-01 14:30:00") in an IANA
 * time zone; NaN when it is not such a time. Text that carries its own offset is read as it says.
 *
 * @example
 * zonedTime("2026-07-01 12:00:00", "Europe/Copenhagen"); // Date.parse("2026-07-01T10:00:00Z")
 */
export function zonedTime(text: string, timeZone: string): number {
  const m = LOCAL.exec(text.trim());
  if (!m) return Date.parse(text);
  const [, y, mo, d, h, mi, s = "0"] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (new Date(wall).getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return NaN;
  // The zone's offset at that instant, found twice: once at the guess, once at the corrected time (DST edges).
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return utc;
}

// Making a formatter costs far more than using one: a feed's timestamps share their zone's.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string) => {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
};

function offsetAt(instant: number, timeZone: string): number {
  // The default zone has no offset to look up (formatting is most of an import's feed reading).
  if (timeZone === "UTC") return 0;
  const parts = formatterOf(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return (
    Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) -
    Math.floor(instant / 1000) * 1000
  );
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
