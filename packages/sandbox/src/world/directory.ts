import type { License } from "./licenses.js";
import type { PhoneNumberRecord, UserRecord, WorldError } from "./world-types.js";

/**
 * The company's directory as 8x8 holds it: users (and service extensions), the number inventory and
 * which number is assigned to whom. It knows nothing of SMS; the world's rules change it.
 */
export class Directory {
  readonly licenses: readonly License[];
  readonly #users = new Map<string, UserRecord>();
  readonly #numbers = new Map<string, PhoneNumberRecord>();

  constructor(licenses: License[]) {
    this.licenses = licenses;
  }

  users(): UserRecord[] {
    return [...this.#users.values()];
  }

  user(id: string): UserRecord | undefined {
    return this.#users.get(id);
  }

  numbers(): PhoneNumberRecord[] {
    return [...this.#numbers.values()];
  }

  number(phoneNumber: string): PhoneNumberRecord | undefined {
    return this.#numbers.get(phoneNumber);
  }

  userNumbers(user: UserRecord): PhoneNumberRecord[] {
    return user.phoneNumbers.map((n) => this.#numbers.get(n)).filter((n): n is PhoneNumberRecord => !!n);
  }

  /** The license by its console name, preferring the one sold in the number's country. */
  license(name: string | null, country: string): License | undefined {
    if (name === null) return undefined;
    return (
      this.licenses.find((l) => l.name === name && l.country === country) ??
      this.licenses.find((l) => l.name === name)
    );
  }

  isLicense(name: string): boolean {
    return this.licenses.some((l) => l.name === name);
  }

  addNumber(record: PhoneNumberRecord): void {
    this.#numbers.set(record.number, record);
  }

  /** Adds a user; the numbers they hold become assigned to them. */
  addUser(record: UserRecord): void {
    this.#users.set(record.id, record);
    for (const n of record.phoneNumbers) {
      const number = this.#numbers.get(n);
      if (number) assign(number, record.id);
    }
  }

  /** Removes the user; their numbers go back to the company's available numbers. */
  removeUser(user: UserRecord): void {
    for (const number of this.userNumbers(user)) release(number);
    this.#users.delete(user.id);
  }

  /** Makes `to` the user's primary number (null: none), releasing the one it replaces. */
  replacePrimaryNumber(user: UserRecord, to: string | null): void {
    const from = user.phoneNumbers[0] ?? null;
    if (from !== null) {
      const old = this.#numbers.get(from);
      if (old) release(old);
    }
    const rest = user.phoneNumbers.slice(1).filter((n) => n !== to);
    user.phoneNumbers = to === null ? rest : [to, ...rest];
    if (to !== null) assign(this.#numbers.get(to)!, user.id);
  }

  /** Why `to` cannot become the user's number: not the company's, or someone else's. */
  phoneNumberProblem(user: UserRecord, to: string | null): WorldError | null {
    if (to === null) return null;
    const number = this.#numbers.get(to);
    if (!number)
      return { code: "unknown_number", field: "phoneNumber", message: `${to} is not a company number.` };
    if (number.assignedTo !== null && number.assignedTo !== user.id) {
      const owner = this.#users.get(number.assignedTo);
      return {
        code: "number_in_use",
        field: "phoneNumber",
        message: `${to} is already assigned to ${owner ? `${owner.firstName} ${owner.lastName}` : number.assignedTo}.`,
      };
    }
    return null;
  }
}

function assign(number: PhoneNumberRecord, userId: string): void {
  number.assignedTo = userId;
  if (number.status === "AVAILABLE") number.status = "ASSIGNED";
}

function release(number: PhoneNumberRecord): void {
  number.assignedTo = null;
  if (number.status === "ASSIGNED") number.status = "AVAILABLE";
}
