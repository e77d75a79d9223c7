"use client";

import clsx from "clsx";
import { useRef, useState, type KeyboardEvent } from "react";
import { Card } from "../../_components/ui";
import { BookingPanel, FreeShiftPanel } from "./calendar-panels";
import { kindStyles, type KindKey } from "./kinds";

export interface BoardCell {
  day: string;
  shiftIndex: number;
  label: string;
  startsAt: string;
  bookingId: string | null;
}
export interface BoardRow {
  endstationId: string;
  name: string;
  shiftHours: number;
  cells: BoardCell[];
}
export interface BoardBooking {
  id: string;
  reference: string;
  endstationId: string;
  kind: string;
  category: KindKey;
  state: string;
  startsAt: string;
  endsAt: string;
  shifts: number;
  title: string;
  holdExpiresAt: string | null;
  downtimeHours: number;
  request: { id: string; reference: string | null; organisation: { name: string } } | null;
  consortium: string | null;
}
export interface Schedulable {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  endstationIds: string[];
  allocated: number;
  scheduled: number;
}

export type Selection = { kind: "free"; row: number; cell: number } | { kind: "booking"; bookingId: string } | null;

/** "Fri 1 Jan" for a local calendar date (the date is already the facility's, so format it as UTC). */
const dayLabel = (day: string) => new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));

export function CalendarBoard(props: {
  timeZone: string;
  days: string[];
  today: string;
  rows: BoardRow[];
  bookings: BoardBooking[];
  endstations: { id: string; name: string; shifts: { index: number; label: string }[] }[];
  schedulable: Schedulable[];
}) {
  const { rows, bookings } = props;
  const [focus, setFocus] = useState<{ row: number; cell: number }>({ row: 0, cell: 0 });
  const [selection, setSelection] = useState<Selection>(null);
  const grid = useRef<HTMLDivElement>(null);
  const byId = new Map(bookings.map((b) => [b.id, b]));

  const move = (row: number, cell: number) => {
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(0, Math.min(rows[r]!.cells.length - 1, cell));
    setFocus({ row: r, cell: c });
    grid.current?.querySelector<HTMLButtonElement>(`[data-pos="${r}-${c}"]`)?.focus();
  };
  const open = (row: number, cell: number) => {
    const target = rows[row]!.cells[cell]!;
    setSelection(target.bookingId ? { kind: "booking", bookingId: target.bookingId } : { kind: "free", row, cell });
  };
  const onKeyDown = (event: KeyboardEvent, row: number, cell: number) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(row, cell + 1),
      ArrowLeft: () => move(row, cell - 1),
      ArrowDown: () => move(row + 1, Math.round((cell / rows[row]!.cells.length) * rows[Math.min(rows.length - 1, row + 1)]!.cells.length)),
      ArrowUp: () => move(row - 1, Math.round((cell / rows[row]!.cells.length) * rows[Math.max(0, row - 1)]!.cells.length)),
      Home: () => move(row, 0),
      End: () => move(row, rows[row]!.cells.length - 1),
      Enter: () => open(row, cell),
      " ": () => open(row, cell),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const selectedBooking = selection?.kind === "booking" ? byId.get(selection.bookingId) : undefined;
  const selectedFree = selection?.kind === "free" ? { row: rows[selection.row]!, cell: rows[selection.row]!.cells[selection.cell]! } : undefined;

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0">
        <ul className="mb-2 flex flex-wrap gap-3 text-xs" aria-label="Legend">
          {(Object.keys(kindStyles) as KindKey[]).map((k) => (
            <li key={k} className="flex items-center gap-1"><span aria-hidden="true" className={clsx("inline-block h-3 w-5 rounded-sm border", kindStyles[k].className, kindStyles[k].pattern)} />{kindStyles[k].label}</li>
          ))}
          <li className="flex items-center gap-1"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-dashed border-slate-500 bg-white" />Held (tentative)</li>
          <li className="flex items-center gap-1"><span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-slate-200 bg-white" />Free</li>
        </ul>
        <div ref={grid} role="grid" aria-label="Endstation calendar" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <div role="row" className="flex border-b border-slate-200 text-xs font-medium text-slate-700">
            <div role="columnheader" className="sticky left-0 z-10 w-44 shrink-0 bg-white px-2 py-2">Endstation</div>
            {props.days.map((day) => (
              <div role="columnheader" key={day} className={clsx("w-24 shrink-0 border-l border-slate-100 px-1 py-2 text-center", day === props.today && "bg-amber-50 font-semibold text-amber-900")} aria-current={day === props.today ? "date" : undefined}>
                {dayLabel(day)}{day === props.today ? " (today)" : ""}
              </div>
            ))}
          </div>
          {rows.map((row, r) => (
            <div role="row" key={row.endstationId} className="flex border-b border-slate-100 last:border-b-0">
              <div role="rowheader" className="sticky left-0 z-10 w-44 shrink-0 bg-white px-2 py-2 text-xs font-medium text-slate-900">{row.name}<span className="block font-normal text-slate-600">{row.shiftHours}-hour shifts</span></div>
              {props.days.map((day) => (
                <div key={day} className={clsx("flex w-24 shrink-0 gap-px border-l border-slate-100 p-px", day === props.today && "bg-amber-50")}>
                  {row.cells.map((cell, c) => {
                    if (cell.day !== day) return null;
                    const booking = cell.bookingId ? byId.get(cell.bookingId) : undefined;
                    const first = booking && (c === 0 || row.cells[c - 1]!.bookingId !== booking.id);
                    const name = booking
                      ? `${row.name}, ${day} ${cell.label}: ${booking.reference} ${booking.request?.reference ?? booking.consortium ?? kindStyles[booking.category].label}${booking.state === "HELD" ? " (held)" : ""}`
                      : `${row.name}, ${day} ${cell.label}: free`;
                    const selected = (selection?.kind === "booking" && booking?.id === selection.bookingId) || (selection?.kind === "free" && selection.row === r && selection.cell === c);
                    return (
                      <button
                        key={cell.startsAt}
                        type="button"
                        role="gridcell"
                        data-pos={`${r}-${c}`}
                        tabIndex={focus.row === r && focus.cell === c ? 0 : -1}
                        aria-label={name}
                        aria-selected={selected}
                        title={name}
                        onClick={() => { setFocus({ row: r, cell: c }); open(r, c); }}
                        onKeyDown={(e) => onKeyDown(e, r, c)}
                        className={clsx(
                          "h-12 min-w-0 flex-1 overflow-hidden rounded-sm border text-[10px] leading-tight",
                          booking ? [kindStyles[booking.category].className, kindStyles[booking.category].pattern, booking.state === "HELD" && "border-dashed"] : "border-slate-200 bg-white hover:bg-slate-50",
                          selected && "ring-2 ring-brand-600",
                        )}
                      >
                        {booking && first ? <span className="block truncate px-0.5 font-semibold">{booking.request?.reference ?? booking.consortium ?? kindStyles[booking.category].label}</span> : null}
                      </button>
                    );
                  })}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
      <aside aria-live="polite">
        {selectedBooking ? (
          <BookingPanel key={selectedBooking.id} booking={selectedBooking} timeZone={props.timeZone} endstations={props.endstations} onDone={() => setSelection(null)} />
        ) : selectedFree ? (
          <FreeShiftPanel key={`${selectedFree.row.endstationId}-${selectedFree.cell.startsAt}`} endstationId={selectedFree.row.endstationId} endstationName={selectedFree.row.name} day={selectedFree.cell.day} shiftIndex={selectedFree.cell.shiftIndex} shiftLabel={selectedFree.cell.label} timeZone={props.timeZone} schedulable={props.schedulable} onDone={() => setSelection(null)} />
        ) : (
          <Card title="Schedule">
            <p className="text-sm text-slate-700">Choose a free shift to place an approved request or non-user time, or a booking to move, confirm or cancel it.</p>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Approved, waiting to be scheduled</h3>
            {props.schedulable.length === 0 ? (
              <p className="mt-1 text-sm text-slate-700">Nothing is waiting: every approved request has its shifts on the calendar.</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm">
                {props.schedulable.map((s) => <li key={s.id}><strong>{s.reference}</strong> {s.organisation}: {s.allocated - s.scheduled} of {s.allocated} shifts to place</li>)}
              </ul>
            )}
          </Card>
        )}
      </aside>
    </div>
  );
}
