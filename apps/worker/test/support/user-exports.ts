/** Synthetic exports for audit tests and the bench: every 10th user has a cause the export shows. */
const LICENSES = ["X Series - X4", "X Series - X2", "X Series - Basic", "X Series - X6"];

export function csvExport(rows: number): string {
  const lines = ["userId,name,email,license,phoneNumber,smsNumber,smsEnabled,smsStatus"];
  for (let i = 0; i < rows; i++) {
    const number = `+1415${String(5_000_000 + i).padStart(7, "0")}`;
    const cause = i % 10;
    const license = cause === 1 ? "X Series - Basic" : LICENSES[i % 2]!;
    const status = cause === 2 ? "Disabled" : cause === 3 ? "Pending" : "Enabled";
    lines.push(
      `u${i},"User, ${i}",user${i}@example.com,${license},${number},${number},${cause === 2 ? "no" : "yes"},${status}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function adminApiExport(rows: number): string {
  const users: unknown[] = [];
  const phoneNumbers: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    const number = `+1${i % 10 === 4 ? "888" : "415"}${String(5_000_000 + i).padStart(7, "0")}`;
    users.push({
      id: `u${i}`,
      basicInfo: {
        firstName: "User",
        lastName: String(i),
        primaryEmail: `user${i}@example.com`,
        status: "ACTIVE",
        site: "HQ",
      },
      serviceInfo: {
        licenses: [{ id: "l", name: i % 10 === 1 ? "X Series - Basic" : "X Series - X4", country: "US" }],
      },
      extensions: [
        { extensionNumber: String(10_000 + i), phoneNumbers: [number], primaryPhoneNumber: number },
      ],
    });
    phoneNumbers.push({
      phoneNumber: number,
      country: "US",
      category: i % 10 === 4 ? "TOLL_FREE" : "LOCAL",
      status: "ASSIGNED",
      temporaryNumber: false,
      portingNumber: null,
    });
  }
  // One user per line, as an export tool would write it.
  return `{"users": [\n${users.map((u) => JSON.stringify(u)).join(",\n")}\n],\n"phoneNumbers": [\n${phoneNumbers.map((n) => JSON.stringify(n)).join(",\n")}\n]}\n`;
}
