// Parse iCalendar files with Mozilla's ical.js (the parser Thunderbird uses).
// Usage: node parse.mjs FILE...   Prints one JSON line per file with what ical.js read
// (calendar name, events and to-dos); exits 1 on the first file it cannot parse or read.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function fail(file, message) {
  process.stderr.write(`${file}: ${message}\n`);
  process.exit(1);
}

for (const file of process.argv.slice(2)) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    fail(file, `not UTF-8: ${error.message}`);
  }
  try {
    const root = new ICAL.Component(ICAL.parse(text));
    if (root.name !== "vcalendar") fail(file, `root component is ${root.name}`);
    const events = root.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      if (!event.uid) fail(file, "an event without UID");
      if (!event.startDate) fail(file, `${event.uid}: no DTSTART`);
      const end = event.endDate;
      if (end.compare(event.startDate) <= 0) fail(file, `${event.uid}: ends before it starts`);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toString(),
        end: end.toString(),
        allDay: event.startDate.isDate,
        sequence: event.sequence,
        status: vevent.getFirstPropertyValue("status"),
        location: event.location,
        description: event.description,
        alarms: vevent.getAllSubcomponents("valarm").length,
      };
    });
    const todos = root.getAllSubcomponents("vtodo").map((vtodo) => ({
      uid: vtodo.getFirstPropertyValue("uid"),
      summary: vtodo.getFirstPropertyValue("summary"),
      due: String(vtodo.getFirstPropertyValue("due")),
      status: vtodo.getFirstPropertyValue("status"),
    }));
    const refresh = root.getFirstProperty("refresh-interval");
    process.stdout.write(JSON.stringify({
      file,
      name: root.getFirstPropertyValue("name"),
      calname: root.getFirstPropertyValue("x-wr-calname"),
      refresh: refresh ? String(refresh.getFirstValue()) : null,
      events,
      todos,
    }) + "\n");
  } catch (error) {
    fail(file, `ical.js: ${error.message}`);
  }
}
