"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn, UseFormSetError } from "react-hook-form";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });
}

let browserQueryClient: QueryClient | undefined;

export function TrpcReactProvider({ children }: { children: ReactNode }) {
  // One QueryClient per browser tab; a fresh one per server render.
  const queryClient = typeof window === "undefined" ? makeQueryClient() : (browserQueryClient ??= makeQueryClient());
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * Puts the server's field-level messages beside their fields and returns the
 * message for the top of the form when the error concerns no single field.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  if (!(error instanceof TRPCClientError)) return "The portal could not be reached. Check your connection and try again.";
  const fieldErrors = (error.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors;
  let placed = false;
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    if (fields.includes(path)) {
      setError(path as Path<T>, { type: "server", message });
      placed = true;
    }
  }
  return placed ? null : error.message;
}

/**
 * The submit handler every portal form shares: clears the message above the
 * form, runs the action with the checked values, and puts the server's
 * messages beside their fields (the rest above the form).
 */
export function useServerSubmit<TInput extends FieldValues, TOutput>(
  form: UseFormReturn<TInput, unknown, TOutput>,
  fields: readonly string[],
  action: (values: TOutput) => Promise<unknown>,
) {
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await action(values);
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, fields));
    }
  });
  return { formError, setFormError, onSubmit };
}
