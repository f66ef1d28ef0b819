import type { AuthDriver, DriverContext, DriverFactory } from '@latch/auth-session';
import type { CreatedPending, PendingKind } from '@latch/oob';
import type { FlowDeps, FlowName, LoginPendingData } from './flow-deps.js';

/** Runs one flow's login once its pending exists. */
export type PendingDriverFactory = (
  context: DriverContext,
  created: CreatedPending<LoginPendingData>,
) => AuthDriver | Promise<AuthDriver>;

/**
 * Wraps a flow's driver so that every login has an `@latch/oob` pending in its tenant's
 * namespace (the tenant is the session's `intoBundleId`) for as long as it runs: the tenant
 * page lists its logins from there, and the redirect flow's callback is found through it.
 * When the driver stops, the pending goes (a callback after a cancel is a 404).
 *
 * @param deps - The server's flow dependencies.
 * @param flow - The flow's name.
 * @param kind - The pending's kind.
 * @param extra - The flow's own server-side data (state, verifier…).
 * @param inner - Starts the flow once the pending exists.
 * @returns The driver factory for the session manager.
 */
export function withPending(
  deps: FlowDeps,
  flow: FlowName,
  kind: PendingKind,
  extra: () => Partial<LoginPendingData>,
  inner: PendingDriverFactory,
): DriverFactory {
  return async (context) => {
    const tenant = context.intoBundleId;
    if (tenant === undefined) throw new TypeError('a login must be started for a tenant');
    const oob = deps.oob(tenant);
    const created = await oob.create({
      kind,
      resource: deps.issuer,
      expiresAt: deps.now() + deps.timeoutMs,
      data: { ...extra(), sessionId: context.sessionId, flow },
    });
    const drop = () =>
      oob.cancel(created.pending.id).then(
        () => undefined,
        (error: unknown) => deps.onError(error),
      );
    let driver: AuthDriver;
    try {
      driver = await inner(context, created);
    } catch (error) {
      await drop();
      throw error;
    }
    const submit = driver.submitCallbackUrl?.bind(driver);
    return {
      done: driver.done.finally(drop),
      ...(submit === undefined ? {} : { submitCallbackUrl: submit }),
    };
  };
}
