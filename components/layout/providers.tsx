"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { useToasterWanted } from "@/components/ui/toast";
import { useAfterLoad } from "@/components/ui/use-after-load";
import { makeQueryClient } from "@/lib/queries/client";

const Toaster = dynamic(() => import("./toaster"), { ssr: false });

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(makeQueryClient);
  const toasterWanted = useToasterWanted();
  const afterLoad = useAfterLoad();
  return (
    <QueryClientProvider client={client}>
      {children}
      {(afterLoad || toasterWanted) && <Toaster />}
    </QueryClientProvider>
  );
}
