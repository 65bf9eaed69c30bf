import { startTestDatabase } from "@/tests/support/test-database";
import { dataSizes, generateData } from "@/bench/data";
const db = await startTestDatabase();
console.log("URL", db.url);
await generateData(db.url, dataSizes(1), (l) => console.log(l));
console.log("READY", db.url);
setInterval(() => {}, 1 << 30);
