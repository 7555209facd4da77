import fs from "node:fs";

/**
 * Sums the CPU time, in microseconds, of the PostgreSQL server listening
 * on `port` and of its child processes, from Linux's /proc. Returns null
 * elsewhere or when no such server runs on this machine.
 */
export function postgresCpuMicros(port: string): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux for x86 and arm64
  const processes = fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        // Fields after the command name, which ends at the last ")".
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return [
          {
            pid,
            parent: fields[1],
            command: command.split("\0"),
            ticks: Number(fields[11]) + Number(fields[12]),
          },
        ];
      } catch {
        return []; // The process ended while being read.
      }
    });
  const server = processes.find(
    (entry) =>
      entry.command[0].endsWith("/postgres") &&
      entry.command.includes("-p") &&
      entry.command[entry.command.indexOf("-p") + 1] === port,
  );
  if (!server) return null;
  const ticks = processes
    .filter((entry) => entry.pid === server.pid || entry.parent === server.pid)
    .reduce((total, entry) => total + entry.ticks, 0);
  return (ticks / ticksPerSecond) * 1_000_000;
}
