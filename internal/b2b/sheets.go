package b2b

import (
	"context"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Sheets are the organisers' papers for the day: a sheet per table to lay on it, the whole
// grid of slots and tables, and the list of meetings, as PDF and CSV. They show the schedule
// as it stands, published or not, since organisers print before they publish too.

// SheetMeeting is a placed meeting with both sides named.
type SheetMeeting struct {
	Meeting Meeting
	Slot    ProgrammeSlot
	Table   Table
	Sides   [2]Organisation // requester, then the one who accepted
}

// Sheets is a programme's schedule as organisers see it.
type Sheets struct {
	Event     EventInfo
	Programme *Programme
	Slots     []ProgrammeSlot
	Meetings  []SheetMeeting // placed and not cancelled, by slot then table
	Waiting   int            // accepted meetings without a place
}

// Sheets returns the event's schedule for organisers.
func (s *Service) Sheets(ctx context.Context, v *web.Viewer, eventID int64) (*Sheets, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	ev, p, err := s.Programme(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	profiles, err := listProfiles(ctx, s.db, p.ID, "")
	if err != nil {
		return nil, err
	}
	if err := s.nameOrganisations(ctx, profiles); err != nil {
		return nil, err
	}
	orgs := map[int64]Organisation{}
	for _, pr := range profiles {
		orgs[pr.ID] = pr.Organisation
	}
	all, err := queryMeetings(ctx, s.db, `m.programme_id = ? AND m.status <> ? ORDER BY m.slot, m.table_no, m.id`, p.ID, MeetingCancelled)
	if err != nil {
		return nil, err
	}
	sh := &Sheets{Event: ev, Programme: p, Slots: p.Slots()}
	for _, m := range all {
		if !m.Scheduled() || m.Slot >= len(sh.Slots) || m.Table > len(p.Tables) {
			sh.Waiting++
			continue
		}
		sh.Meetings = append(sh.Meetings, SheetMeeting{Meeting: m, Slot: sh.Slots[m.Slot], Table: p.Tables[m.Table-1],
			Sides: [2]Organisation{orgs[m.Profiles[0]], orgs[m.Profiles[1]]}})
	}
	return sh, nil
}

// At returns the meeting at table in slot, or nil.
func (sh *Sheets) At(slot, table int) *SheetMeeting {
	for i := range sh.Meetings {
		if m := &sh.Meetings[i]; m.Meeting.Slot == slot && m.Meeting.Table == table {
			return m
		}
	}
	return nil
}

// AtTable lists the meetings at table in slot order.
func (sh *Sheets) AtTable(table int) []SheetMeeting {
	var out []SheetMeeting
	for _, m := range sh.Meetings {
		if m.Meeting.Table == table {
			out = append(out, m)
		}
	}
	return out
}

// pair names both sides of a meeting for a cell: "A – B".
func (m SheetMeeting) pair() string { return m.Sides[0].Name + " – " + m.Sides[1].Name }

// GridRows is the grid as rows for a spreadsheet: a header of tables, then per slot its
// start in both zones and each table's meeting.
func (sh *Sheets) GridRows(lang string, first, second i18n.Zone, t Translate) [][]string {
	head := []string{t("b2b.sheets.slot"), t("b2b.sheets.starts")}
	for _, tb := range sh.Programme.Tables {
		head = append(head, agendaTableLabel(t, tb))
	}
	rows := [][]string{head}
	for _, sl := range sh.Slots {
		row := []string{strconv.Itoa(sl.Index + 1), sheetSlotWhen(lang, sl, first, second)}
		for _, tb := range sh.Programme.Tables {
			cell := ""
			if m := sh.At(sl.Index, tb.Number); m != nil {
				cell = m.pair()
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// MeetingRows is every placed meeting as a row: slot, date, start in both zones, table,
// both companies and what happened.
func (sh *Sheets) MeetingRows(lang string, first, second i18n.Zone, t Translate) [][]string {
	rows := [][]string{{t("b2b.sheets.slot"), t("b2b.sheets.date"), first.Name, second.Name, t("b2b.sheets.table"),
		t("b2b.sheets.table_name"), t("b2b.sheets.requester"), t("b2b.sheets.accepter"), t("b2b.sheets.status")}}
	for _, m := range sh.Meetings {
		rows = append(rows, []string{strconv.Itoa(m.Slot.Index + 1), i18n.FormatDate(lang, m.Slot.StartsAt, first.Location),
			i18n.FormatTime(lang, m.Slot.StartsAt, first.Location), i18n.FormatTime(lang, m.Slot.StartsAt, second.Location),
			strconv.Itoa(m.Table.Number), m.Table.Name, m.Sides[0].Name, m.Sides[1].Name,
			t("b2b.agenda.status." + string(m.Meeting.Status))})
	}
	return rows
}

// sheetSlotWhen is a slot's date and start in both zones: "10.06.2027 10:00 Bakı · 09:00 İzmir".
func sheetSlotWhen(lang string, sl ProgrammeSlot, first, second i18n.Zone) string {
	return i18n.FormatDate(lang, sl.StartsAt, first.Location) + " " + i18n.DualTime(lang, sl.StartsAt, first, second)
}
