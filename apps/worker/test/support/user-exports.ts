import { closeSync, openSync, writeSync } from "node:fs";

/** Synthetic exports for audit tests and the bench: every 10th user has a cause the export shows. */
const LICENSES = ["X Series - X4", "X Series - X2", "X Series - Basic", "X Series - X6"];

const CSV_HEADER = "userId,name,email,license,phoneNumber,smsNumber,smsEnabled,smsStatus";

export function csvExport(rows: number): string {
  const lines = [CSV_HEADER];
  for (let i = 0; i < rows; i++) lines.push(csvRow(i));
  return `${lines.join("\n")}\n`;
}

function csvRow(i: number): string {
  const number = `+1415${String(5_000_000 + i).padStart(7, "0")}`;
  const cause = i % 10;
  const license = cause === 1 ? "X Series - Basic" : LICENSES[i % 2]!;
  const status = cause === 2 ? "Disabled" : cause === 3 ? "Pending" : "Enabled";
  return `u${i},"User, ${i}",user${i}@example.com,${license},${number},${number},${cause === 2 ? "no" : "yes"},${status}`;
}

/**
 * An Administration API export in the shapes 8x8 publishes (user-api-v1.yaml `User`,
 * phonenumber-api-v1.yaml `PhoneNumber`; not published examples, built from the schemas). Every user
 * holds a call-recording add-on listed before the voice license, which only `licenseId` names. Every
 * 10th user, by `i % 10`: 1 has X Series - Basic, 4 a toll-free number, 6 a temporary number a port-in
 * will replace, 8 is INACTIVE. Fields the schemas mark nullable are null here and there.
 */
export function adminApiExport(rows: number): string {
  const users: unknown[] = [];
  const phoneNumbers: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    const row = adminApiRow(i);
    users.push(row.user);
    phoneNumbers.push(...row.phoneNumbers);
  }
  // One user per line, as an export tool would write it.
  return `{"users": [\n${users.map((u) => JSON.stringify(u)).join(",\n")}\n],\n"phoneNumbers": [\n${phoneNumbers.map((n) => JSON.stringify(n)).join(",\n")}\n]}\n`;
}

/** The same exports written to a file in pieces, for sizes no single string holds (the bench's 1 GB). */
export function writeExport(path: string, format: "csv" | "json", rows: number): void {
  const fd = openSync(path, "w");
  try {
    let batch: string[] = [];
    const write = (text: string) => {
      batch.push(text);
      if (batch.length >= 10_000) flush();
    };
    const flush = () => {
      writeSync(fd, batch.join(""));
      batch = [];
    };
    if (format === "csv") {
      write(`${CSV_HEADER}\n`);
      for (let i = 0; i < rows; i++) write(`${csvRow(i)}\n`);
    } else {
      write('{"users": [\n');
      for (let i = 0; i < rows; i++) write(`${i ? ",\n" : ""}${JSON.stringify(adminApiRow(i).user)}`);
      write('\n],\n"phoneNumbers": [\n');
      let first = true;
      for (let i = 0; i < rows; i++)
        for (const n of adminApiRow(i).phoneNumbers) {
          write(`${first ? "" : ",\n"}${JSON.stringify(n)}`);
          first = false;
        }
      write("\n]}\n");
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

function adminApiRow(i: number): { user: unknown; phoneNumbers: unknown[] } {
  const phoneNumbers: unknown[] = [];
  const kind = i % 10;
  const number = `+1${kind === 4 ? "888" : "415"}${String(5_000_000 + i).padStart(7, "0")}`;
  const ported = `+1617${String(5_000_000 + i).padStart(7, "0")}`;
  const voice =
    kind === 1 ? { id: `lic-basic`, name: "X Series - Basic" } : { id: "lic-x4", name: "X Series - X4" };
  const user = {
    basicInfo: {
      userId: `u${i}`,
      userName: `user${i}@example.com`,
      firstName: "User",
      lastName: String(i),
      primaryEmail: `user${i}@example.com`,
      status: kind === 8 ? "INACTIVE" : "ACTIVE",
      locale: i % 3 === 0 ? null : "en-US",
      timezone: "America/Los_Angeles",
      site: i % 7 === 0 ? null : { id: "SAH3U8guQaK4WQhpDZi0rQ", name: "HQ", pbxName: "corpco01" },
    },
    directoryInfo: i % 2 ? { jobTitle: "Account Executive", department: "Sales" } : null,
    serviceInfo: {
      licenses: [
        { id: "lic-rec", name: "UC Call Recordings Cold Storage-VOSVC0504-01-US", country: "US" },
        { ...voice, country: "US" },
      ],
      extensions: [
        {
          extensionNumber: String(10_000 + i),
          extensionType: "UC",
          licenseId: voice.id,
          primaryPhoneNumber: number,
          phoneNumbers: [
            {
              phoneNumber: number,
              primary: true,
              country: "US",
              origin: kind === 6 ? "PORTING" : "CLAIMED",
              ...(kind === 6 ? { portingNumber: { phoneNumber: ported } } : {}),
            },
          ],
        },
      ],
    },
  };
  phoneNumbers.push({
    phoneNumber: number,
    nationalFormattedNumber: null,
    country: "US",
    category: kind === 4 ? "TOLL_FREE" : "LOCAL",
    origin: kind === 6 ? "PORTING" : "CLAIMED",
    status: "ASSIGNED",
    temporaryNumber: null,
    portingNumber: kind === 6 ? ported : null,
  });
  if (kind === 6)
    phoneNumbers.push({
      phoneNumber: ported,
      country: "US",
      category: "LOCAL",
      origin: "PORTING",
      status: "PORTING",
      temporaryNumber: number,
      portingNumber: null,
    });
  return { user, phoneNumbers };
}
