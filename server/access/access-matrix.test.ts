import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { roles } from "../organisations/schemas";
import type { Role } from "../generated/prisma/enums";
import { agreementsAccessExpectations } from "../agreements/access-expectations";
import { billingAccessExpectations } from "../billing/access-expectations";
import { samplesAccessExpectations } from "../samples/access-expectations";
import { runsAccessExpectations } from "../runs/access-expectations";
import { pipelinesAccessExpectations } from "../pipelines/access-expectations";
import { consortiaAccessExpectations } from "../consortia/access-expectations";
import { appRouter } from "../root";
import { schedulingAccessExpectations } from "../scheduling/access-expectations";
import { createCallerFactory, createRouter, procedure } from "../trpc";
import { callerFor, testDb } from "../testing/fixtures";

type Expected = "public" | "signedIn" | readonly Role[];
const admins = ["PLATFORM_ADMIN"] as const;
const managers = ["APPLICANT", "CONSORTIUM_LEAD", "FACILITY_ADMIN", "FUNDER", "PLATFORM_ADMIN"] as const;

/**
 * Who may call each procedure, written out by hand. A new procedure fails
 * this test until someone decides its row, and a rule that lets in a role
 * not listed here fails it too.
 */
const applicants = ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"] as const;
const staff = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

const expected: Record<string, Expected> = {
  ...agreementsAccessExpectations,
  ...billingAccessExpectations,
  ...samplesAccessExpectations,
  ...runsAccessExpectations,
  ...pipelinesAccessExpectations,
  ...consortiaAccessExpectations,
  ...schedulingAccessExpectations,
  "accessRequests.routes": "signedIn",
  "accessRequests.demonstrators": "signedIn",
  "accessRequests.list": "signedIn",
  "accessRequests.get": "signedIn",
  "accessRequests.panel": "signedIn",
  "accessRequests.countsByState": ["FUNDER", "PLATFORM_ADMIN"],
  "accessRequests.create": applicants,
  "accessRequests.saveDraft": applicants,
  "accessRequests.submit": applicants,
  "accessRequests.withdraw": applicants,
  "accessRequests.startFeasibility": staff,
  "accessRequests.recordFeasibility": staff,
  "accessRequests.recordSafety": staff,
  "accessRequests.decide": ["FACILITY_ADMIN"],
  "accessRequests.grade": "signedIn",
  "accessRequests.allocate": "signedIn",
  "accessRoutes.administered": ["FACILITY_ADMIN"],
  "accessRoutes.update": ["FACILITY_ADMIN"],
  "accessRoutes.createCall": ["FACILITY_ADMIN"],
  "audit.list": ["PLATFORM_ADMIN", "FACILITY_ADMIN"],
  "dashboard.get": "signedIn",
  "facilities.list": "public",
  "organisations.mine": "signedIn",
  "organisations.all": admins,
  "organisations.get": "signedIn",
  "organisations.create": "signedIn",
  "organisations.declareSme": "signedIn",
  "organisations.invite": managers,
  "organisations.revokeInvitation": managers,
  "organisations.leave": "signedIn",
  "organisations.removeMember": managers,
  "organisations.previewInvitation": "public",
  "organisations.acceptInvitation": "signedIn",
  "users.signUp": "public",
  "users.resendConfirmation": "public",
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { access?: unknown }; type: string } }>;

function actorWith(role: Role): Actor {
  return { kind: "user", userId: `matrix-${role}`, email: `matrix-${role.toLowerCase()}@test.example`, name: role, memberships: [{ organisationId: `org-${role}`, organisationName: role, organisationKind: "SME", role }] };
}

async function call(actor: Actor, path: string): Promise<TRPCError | null> {
  const caller = callerFor(actor) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [namespace, name] = path.split(".") as [string, string];
  try {
    await caller[namespace]![name]!(undefined);
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

const gateRefused = (error: TRPCError | null) => error !== null && (error.code === "UNAUTHORIZED" || (error.code === "FORBIDDEN" && error.message === "Your role does not allow this."));

describe("access rules", () => {
  it("every procedure declares a rule and has a row in the expected matrix", () => {
    const paths = Object.keys(procedures).sort();
    expect(paths).toEqual(Object.keys(expected).sort());
    for (const path of paths) expect(procedures[path]!._def.meta?.access, `${path} has no access rule`).toBeDefined();
  });

  it("a procedure without a rule refuses every caller", async () => {
    const router = createRouter({ forgotten: procedure.query(() => "leaked") });
    const caller = createCallerFactory(router)({ db: testDb(), actor: actorWith("PLATFORM_ADMIN"), ip: null, userAgent: null });
    await expect(caller.forgotten()).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("declares no access rule") });
  });

  describe.each(Object.entries(expected))("%s", (path, rule) => {
    it("anonymous callers get in only when the procedure is public", async () => {
      const error = await call({ kind: "anonymous" }, path);
      if (rule === "public") expect(gateRefused(error)).toBe(false);
      else expect(error?.code).toBe("UNAUTHORIZED");
    });

    it.each(roles)("role %s is let in exactly when the matrix says so", async (role) => {
      const error = await call(actorWith(role), path);
      const allowed = rule === "public" || rule === "signedIn" || rule.includes(role);
      expect(gateRefused(error), `${role} on ${path}: ${error?.message}`).toBe(!allowed);
    });
  });
});
