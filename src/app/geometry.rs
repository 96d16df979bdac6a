//! The screen's geometry: which rectangle is which pane at a given size. `app` owns it so that
//! mouse hits, page lengths and focus agree with what `ui` draws there.

use ratatui::layout::{Position, Rect};

use super::state::Pane;

/// Below this the screen only says it is too small.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From here the three panes sit side by side.
const WIDE: u16 = 100;
/// From here the preview is drawn beside the list.
const MEDIUM_WIDTH: u16 = 60;
const MEDIUM_HEIGHT: u16 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenMode {
    TooSmall,
    /// The list alone, with the selected message's text below it.
    Narrow,
    /// List beside the preview, details under the preview.
    Medium,
    Wide,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub mode: ScreenMode,
    pub header: Rect,
    pub footer: Rect,
    /// The endpoints and their fetch state, above the campaign list.
    pub endpoints: Option<Rect>,
    pub list: Option<Rect>,
    pub preview: Option<Rect>,
    pub details: Option<Rect>,
    /// Narrow mode: the selected message as text.
    pub summary: Option<Rect>,
}

impl Screen {
    /// The panes for `area`, with room for `endpoints` rows in the endpoints pane.
    pub fn compute(area: Rect, endpoints: usize) -> Screen {
        let mut screen = Screen {
            mode: ScreenMode::TooSmall,
            header: Rect::default(),
            footer: Rect::default(),
            endpoints: None,
            list: None,
            preview: None,
            details: None,
            summary: None,
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return screen;
        }
        screen.header = Rect::new(area.x, area.y, area.width, 1);
        screen.footer = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
        if area.width >= WIDE && area.height >= MEDIUM_HEIGHT {
            screen.mode = ScreenMode::Wide;
            // The preview is why pinview exists: the widest pane, with the phone at its natural
            // width from 120 columns; the lists keep room for ids, the details for their words.
            let list_w = (body.width * 30 / 100).clamp(30, 44);
            let details_w = (body.width * 29 / 100).clamp(32, 50);
            let preview_w = body.width - list_w - details_w;
            screen.list = Some(Rect::new(body.x, body.y, list_w, body.height));
            screen.preview = Some(Rect::new(body.x + list_w, body.y, preview_w, body.height));
            screen.details = Some(Rect::new(
                body.x + list_w + preview_w,
                body.y,
                details_w,
                body.height,
            ));
        } else if area.width >= MEDIUM_WIDTH && area.height >= MEDIUM_HEIGHT {
            screen.mode = ScreenMode::Medium;
            let list_w = (body.width * 38 / 100).max(26);
            let right_w = body.width - list_w;
            let preview_h = body.height * 62 / 100;
            screen.list = Some(Rect::new(body.x, body.y, list_w, body.height));
            screen.preview = Some(Rect::new(body.x + list_w, body.y, right_w, preview_h));
            screen.details = Some(Rect::new(
                body.x + list_w,
                body.y + preview_h,
                right_w,
                body.height - preview_h,
            ));
        } else {
            screen.mode = ScreenMode::Narrow;
            let summary_h = (body.height / 3).clamp(3, 6);
            let list_h = body.height - summary_h;
            screen.list = Some(Rect::new(body.x, body.y, body.width, list_h));
            screen.summary = Some(Rect::new(body.x, body.y + list_h, body.width, summary_h));
        }
        screen.split_endpoints(endpoints);
        screen
    }

    /// Panes the user can focus, in Tab order.
    pub fn focusable(&self) -> Vec<Pane> {
        Pane::ORDER
            .into_iter()
            .filter(|p| self.pane(*p).is_some())
            .collect()
    }

    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Endpoints => self.endpoints,
            Pane::List => self.list,
            Pane::Preview => self.preview,
            Pane::Details => self.details,
        }
    }

    /// The pane under a cell, if any.
    pub fn pane_at(&self, at: Position) -> Option<(Pane, Rect)> {
        Pane::ORDER
            .into_iter()
            .find_map(|p| self.pane(p).filter(|r| r.contains(at)).map(|r| (p, r)))
    }

    /// Takes the top of the list's column for the endpoints, at most a third of it, when the
    /// list keeps room for a few campaigns.
    fn split_endpoints(&mut self, endpoints: usize) {
        let Some(list) = self.list else { return };
        if self.mode == ScreenMode::Narrow || list.height < 14 {
            return;
        }
        let rows = endpoints.max(1).min(usize::from(list.height / 3 - 2)) as u16;
        let height = rows + 2;
        self.endpoints = Some(Rect::new(list.x, list.y, list.width, height));
        self.list = Some(Rect::new(
            list.x,
            list.y + height,
            list.width,
            list.height - height,
        ));
    }
}

/// The help overlay for `rows` rows: centred, at most 74 columns, as tall as the rows and its
/// border or the window allow.
pub fn help_rect(area: Rect, rows: usize) -> Rect {
    let width = area.width.min(74);
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The first endpoint row shown in a pane of this height, keeping `current` in view.
pub fn endpoint_offset(current: usize, pane: Rect) -> usize {
    let rows = usize::from(pane.height.saturating_sub(2)).max(1);
    current.saturating_sub(rows - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panes(w: u16, h: u16) -> Screen {
        Screen::compute(Rect::new(0, 0, w, h), 3)
    }

    #[test]
    fn modes_by_size() {
        assert_eq!(panes(120, 40).mode, ScreenMode::Wide);
        assert_eq!(panes(80, 24).mode, ScreenMode::Medium);
        assert_eq!(panes(59, 24).mode, ScreenMode::Narrow);
        assert_eq!(panes(80, 14).mode, ScreenMode::Narrow);
        assert_eq!(panes(29, 24).mode, ScreenMode::TooSmall);
        assert_eq!(panes(1, 1).mode, ScreenMode::TooSmall);
    }

    #[test]
    fn endpoints_pane_fits_its_rows_and_leaves_the_list_room() {
        let s = Screen::compute(Rect::new(0, 0, 120, 40), 3);
        assert_eq!(s.endpoints.map(|r| r.height), Some(5));
        let s = Screen::compute(Rect::new(0, 0, 120, 40), 50);
        let (e, l) = (s.endpoints.unwrap(), s.list.unwrap());
        assert!(e.height <= 38 / 3, "{e:?}");
        assert!(l.height > e.height, "{l:?}");
        // Too short for both: the list keeps the column.
        assert_eq!(Screen::compute(Rect::new(0, 0, 120, 15), 3).endpoints, None);
        assert_eq!(Screen::compute(Rect::new(0, 0, 50, 40), 3).endpoints, None);
    }

    #[test]
    fn panes_tile_the_body_without_overlap() {
        for (w, h) in [(120, 40), (80, 24), (100, 15), (200, 60), (45, 12), (30, 8)] {
            let s = panes(w, h);
            let rects: Vec<Rect> = [s.endpoints, s.list, s.preview, s.details, s.summary]
                .into_iter()
                .flatten()
                .collect();
            let area: u32 = rects
                .iter()
                .map(|r| u32::from(r.width) * u32::from(r.height))
                .sum();
            assert_eq!(area, u32::from(w) * u32::from(h - 2), "{w}x{h}");
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "{w}x{h}: {a:?} overlaps {b:?}");
                }
            }
        }
    }
}
