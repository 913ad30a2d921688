/** The bridge is stopping: the poll ends where it is; its cursor stays at the last stored page. */
export class PullStopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'PullStopped';
  }
}
