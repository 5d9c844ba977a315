// MCP Tasks (protocol 2025-11-25; experimental in the SDK): a client that supports them calls a waiting tool as a
// task, gets a task id at once, and reads the job's state with tasks/get and its clips with tasks/result, with no
// call held open and none repeated. The store is the SDK's in-memory one; a cancelled task stops its wait.
import { InMemoryTaskStore } from "@modelcontextprotocol/sdk/experimental/tasks";
import type { Result, Task } from "@modelcontextprotocol/sdk/types.js";

/** The in-memory task store, where cancelling a task (tasks/cancel) also aborts the work behind it. */
export class JobTaskStore extends InMemoryTaskStore {
  readonly #running = new Map<string, AbortController>();

  /** The signal that aborts when the task is cancelled. */
  signalFor(taskId: string): AbortSignal {
    let controller = this.#running.get(taskId);
    if (!controller) {
      controller = new AbortController();
      this.#running.set(taskId, controller);
    }
    return controller.signal;
  }

  override async updateTaskStatus(
    taskId: string,
    status: Task["status"],
    statusMessage?: string,
    sessionId?: string,
  ): Promise<void> {
    await super.updateTaskStatus(taskId, status, statusMessage, sessionId);
    if (status === "cancelled") {
      this.#running.get(taskId)?.abort();
      this.#running.delete(taskId);
    }
  }

  override async storeTaskResult(
    taskId: string,
    status: "completed" | "failed",
    result: Result,
    sessionId?: string,
  ): Promise<void> {
    this.#running.delete(taskId);
    await super.storeTaskResult(taskId, status, result, sessionId);
  }

  /** Stops every running wait and the store's expiry timers. */
  close(): void {
    for (const controller of this.#running.values()) controller.abort();
    this.#running.clear();
    this.cleanup();
  }
}
