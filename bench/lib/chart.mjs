/** One hand-written SVG: every ratio as a bar against 100% (its baseline), with its goal marked. */
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function drawRatios(ratios, meta) {
  const rowH = 26;
  const left = 330;
  const barW = 420;
  const top = 48;
  const width = left + barW + 90;
  const height = top + ratios.length * rowH + 40;
  const max = Math.max(1.2, ...ratios.map((r) => (Number.isFinite(r.value) ? r.value : 0))) * 1.05;
  const x = (v) => left + (barW * Math.max(0, v)) / max;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">Bastion: ratios to their same-run baselines</text>`,
    `<text x="10" y="38" fill="#555">${esc(`${meta.date} · ${meta.commit} · ${meta.cpus}${meta.settings.quick ? ' · SMOKE RUN' : ''}`)}</text>`,
  ];
  ratios.forEach((r, i) => {
    const y = top + i * rowH;
    const v = Number.isFinite(r.value) ? r.value : 0;
    const colour = r.met === true ? '#2e7d32' : r.met === false ? '#c62828' : '#78909c';
    parts.push(
      `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${esc(r.label)}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${(x(v) - left).toFixed(1)}" height="${rowH - 8}" fill="${colour}"/>`,
      `<text x="${(Math.max(x(v), r.goal ? x(r.goal.min) : 0) + 5).toFixed(1)}" y="${y + 16}">${Number.isFinite(r.value) ? `${(100 * r.value).toFixed(0)}%` : 'n/a'}</text>`,
    );
    if (r.goal) {
      const gx = x(r.goal.min).toFixed(1);
      parts.push(
        `<line x1="${gx}" x2="${gx}" y1="${y + 1}" y2="${y + rowH - 1}" stroke="#000" stroke-width="2"><title>${esc(r.goal.text)}</title></line>`,
      );
    }
  });
  const base = x(1).toFixed(1);
  const bottom = top + ratios.length * rowH;
  parts.push(
    `<line x1="${base}" x2="${base}" y1="${top}" y2="${bottom}" stroke="#333" stroke-dasharray="4 3"/>`,
    `<text x="${base}" y="${bottom + 14}" text-anchor="middle">100% = baseline</text>`,
    `<text x="10" y="${bottom + 32}" fill="#555">green: goal met · red: goal not met · grey: no goal or not measurable · black tick: the goal</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
