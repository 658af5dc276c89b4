import fs from 'node:fs';

export interface ListeningSocket {
  family: 4 | 6;
  address: string;
  port: number;
}

/** The socket inodes a process holds open (Linux: /proc/<pid>/fd → socket:[inode]). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // the fd closed meanwhile
    }
  }
  return inodes;
}

function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  // Four little-endian 32-bit words.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) for (let b = 3; b >= 0; b--) bytes.push(parseInt(hex.slice(w * 8 + b * 2, w * 8 + b * 2 + 2), 16));
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':');
}

/** Every TCP socket in LISTEN state owned by `pid`, read from /proc/net/tcp and tcp6. */
export function listeningSockets(pid: number): ListeningSocket[] {
  const mine = socketInodes(pid);
  const found: ListeningSocket[] = [];
  for (const [file, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [addrHex, portHex] = cols[1].split(':');
      if (cols[3] !== '0A' || !mine.has(cols[9])) continue;
      found.push({ family, address: family === 4 ? ipv4(addrHex) : ipv6(addrHex), port: parseInt(portHex, 16) });
    }
  }
  return found;
}
