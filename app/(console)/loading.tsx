import { PageSkeleton } from "@/components/ui/skeleton";

/** Every console page reads on the server: the shell shows at once, the page's shape while it reads. */
export default function Loading() {
  return <PageSkeleton />;
}
