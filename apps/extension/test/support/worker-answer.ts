import type { UserSnapshot } from "@sms-doctor/core";
import type { Doctor } from "../../src/background/doctor";
import type { UserDiagnosisView } from "../../src/messaging/messages";

/**
 * A user's diagnosis as the panel ends up showing it: the local view at once, then, with a worker configured,
 * the view redone with the worker's answer (what the content script asks for with `worker-answer`).
 */
export async function withWorkerAnswer(doctor: Doctor, read: UserSnapshot): Promise<UserDiagnosisView> {
  const { view } = await doctor.diagnoseUser(read);
  const requestId = view.worker?.requestId;
  return requestId ? (await doctor.workerAnswer(requestId)).view : view;
}
