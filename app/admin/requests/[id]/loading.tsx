import { LoadingSkeleton } from "@/components/admin/loading-skeleton";

export default function Loading() {
  return <LoadingSkeleton />;
}
