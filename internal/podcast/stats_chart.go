package podcast

import "strconv"

// statsChart is the geometry of the downloads-per-day bar chart, drawn as SVG by the
// template: the page needs no script, and the same numbers stand in a table beside it.
type statsChart struct {
	Width, Height int
	Top           int // the largest day, the top of the scale
	Bars          []statsBar
	Baseline      int // y of the x axis
}

type statsBar struct {
	X, Y, W, H int
	Day        string
	Downloads  int
	Label      bool // print the day under this bar (about ten bars get one)
}

const (
	chartWidth  = 720
	chartHeight = 240
	chartPad    = 28 // room for the scale and the day labels
)

func newStatsChart(days []StatsDay) statsChart {
	c := statsChart{Width: chartWidth, Height: chartHeight, Baseline: chartHeight - chartPad}
	for _, d := range days {
		c.Top = max(c.Top, d.Downloads)
	}
	if len(days) == 0 {
		return c
	}
	plot := chartWidth - chartPad
	step := max(plot/len(days), 1)
	c.Width = chartPad + step*len(days) // a long range widens the drawing; the page scales it
	every := max((len(days)+9)/10, 1)   // about ten day labels, whatever the range
	for i, d := range days {
		h := 0
		if c.Top > 0 {
			h = d.Downloads * (c.Baseline - 8) / c.Top
		}
		c.Bars = append(c.Bars, statsBar{X: chartPad + i*step, Y: c.Baseline - h, W: max(step-2, 1), H: h,
			Day: d.Day, Downloads: d.Downloads, Label: i%every == 0})
	}
	return c
}

// ShortDay is "04.05" of "2026-05-04", for the chart's labels.
func (b statsBar) ShortDay() string {
	if len(b.Day) == 10 {
		return b.Day[8:] + "." + b.Day[5:7]
	}
	return b.Day
}

// TopLabel is the scale's top value as text.
func (c statsChart) TopLabel() string { return strconv.Itoa(c.Top) }

// LabelY is where the day labels sit, below the axis and clear of the bottom edge.
func (c statsChart) LabelY() int { return c.Height - 8 }
