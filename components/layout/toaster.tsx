"use client";
import { useEffect } from "react";
import { Toaster as SonnerToaster } from "sonner";
import { toasterMounted } from "@/components/ui/toast";

/** sonner's Toaster, loaded after the page (see components/ui/toast.ts). Its own effect subscribes before this one runs. */
export default function Toaster() {
  useEffect(toasterMounted, []);
  return <SonnerToaster richColors closeButton position="bottom-right" />;
}
