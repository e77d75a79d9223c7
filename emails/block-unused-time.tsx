import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface BlockUnusedTimeProps {
  consortium: string;
  endstation: string;
  facility: string;
  cycle: string;
  cycleEnds: string;
  daysLeft: number;
  members: { name: string; unused: number; share: number }[];
  unshared: number;
  audience: "lead" | "facility";
  url: string;
}

export const blockUnusedTimeSubject = (p: BlockUnusedTimeProps) => `${p.consortium}: block time unused ${p.daysLeft} days before ${p.cycle} ends`;

export default function BlockUnusedTimeEmail(p: BlockUnusedTimeProps) {
  const total = p.members.reduce((n, m) => n + m.unused, 0) + p.unshared;
  return (
    <EmailLayout preview={`${total} shifts of the ${p.consortium} block are not booked`}>
      <Text>
        {total} shift{total === 1 ? "" : "s"} of the {p.consortium} block on {p.endstation} ({p.facility}) are not booked, and cycle {p.cycle} ends on {p.cycleEnds}.
      </Text>
      {p.members.length ? (
        <Text>
          {p.members.map((m) => (
            <span key={m.name}>
              {m.name}: {m.unused} of {m.share} shifts unbooked
              <br />
            </span>
          ))}
        </Text>
      ) : null}
      {p.unshared ? <Text>{p.unshared} shift{p.unshared === 1 ? " has" : "s have"} not been given to any member.</Text> : null}
      <Text>
        {p.audience === "lead"
          ? "Move unused shifts to members who can use them, or remind members to book their sessions."
          : "The consortium lead has been told; unused block time may be offered to other users."}
      </Text>
      <Button href={p.url} style={buttonStyle}>{p.audience === "lead" ? "Share out the block" : "Open the calendar"}</Button>
    </EmailLayout>
  );
}
