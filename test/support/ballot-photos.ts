import sharp from 'sharp';

// Photos of one printed ballot as different voters would take them: each its own table, light,
// tilt, distance and framing, the mark in a box of their choosing. The same print in every
// one: the hardest case for telling a copy of a photo from another voter's photo.

function ballotSvg(mark: number): Buffer {
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1400"><rect width="1000" height="1400" fill="#f4f1e8"/>`;
  svg += `<text x="500" y="120" font-size="48" text-anchor="middle" font-family="sans-serif">BALLOT</text>`;
  for (let i = 0; i < 5; i++) {
    const y = 250 + i * 220;
    svg += `<text x="80" y="${y + 60}" font-size="40" font-family="serif">Candidate number ${i + 1}</text>`;
    svg += `<rect x="820" y="${y}" width="100" height="100" fill="none" stroke="#000" stroke-width="6"/>`;
    if (i === mark) {
      svg += `<path d="M830 ${y + 10} L910 ${y + 90} M910 ${y + 10} L830 ${y + 90}" stroke="#1a2a9a" stroke-width="12"/>`;
    }
  }
  return Buffer.from(`${svg}</svg>`);
}

function random(seed: number): () => number {
  let x = seed * 2654435761;
  return () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

/** One voter's photo of the ballot: a textured table, a tilt, a distance, a light gradient. */
export async function voterPhoto(voter: number): Promise<Buffer> {
  const rnd = random(voter + 1);
  const size = 1600;
  const table = Buffer.alloc(size * size * 3);
  const tone = [80 + rnd() * 120, 60 + rnd() * 120, 40 + rnd() * 120];
  for (let i = 0; i < table.length; i += 3) {
    const grain = (rnd() - 0.5) * 40 + 12 * Math.sin(i / 3 / (40 + voter));
    for (let c = 0; c < 3; c++) table[i + c] = Math.max(0, Math.min(255, tone[c]! + grain));
  }
  const ballot = await sharp(ballotSvg(voter % 5))
    .rotate((rnd() - 0.5) * 12, { background: '#00000000' })
    .resize({ height: Math.round(1100 + rnd() * 300) })
    .png()
    .toBuffer();
  const { width = 0, height = 0 } = await sharp(ballot).metadata();
  const left = Math.max(0, Math.round((size - width) / 2 + (rnd() - 0.5) * 200));
  const top = Math.max(0, Math.round((size - height) / 2 + (rnd() - 0.5) * 100));
  const light = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><defs><linearGradient id="g" x1="${rnd()}" y1="0" x2="${rnd()}" y2="1"><stop offset="0" stop-color="#fff" stop-opacity="${rnd() * 0.3}"/><stop offset="1" stop-color="#000" stop-opacity="${rnd() * 0.4}"/></linearGradient></defs><rect width="${size}" height="${size}" fill="url(#g)"/></svg>`,
  );
  const scene = await sharp(table, { raw: { width: size, height: size, channels: 3 } })
    .composite([{ input: ballot, left, top }, { input: light }])
    .png()
    .toBuffer();
  return sharp(scene).extract({ left: 100, top: 0, width: 1200, height: 1600 }).jpeg({ quality: 85 }).toBuffer();
}
