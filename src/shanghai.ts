// Time as the programme lives it: Asia/Shanghai, whatever the server's TZ. Every period,
// reminder and "today" goes through here.
const FORMAT = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

/** "2025-04-21 09:00" */
export function shanghaiDateTime(d: Date): string {
  return FORMAT.format(d);
}

/** "2025-04-21" */
export function shanghaiDate(d: Date): string {
  return shanghaiDateTime(d).slice(0, 10);
}
