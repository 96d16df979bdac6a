//! The app driven as a user drives it: keys and actions through `update`, effects through the
//! one runner on a pinned clock, frames drawn on demand.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pinview::app::{Action, Effect, State, start, update};
use pinview::config::Settings;
use pinview::effects::{Runner, initial_state};
use pinview::render::to_text;
use pinview::source::Source;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::now;

pub struct App {
    pub state: State,
    runner: Runner,
    replies: UnboundedReceiver<Action>,
    runtime: tokio::runtime::Runtime,
}

impl App {
    /// The demo at 120x40, its first endpoint loaded, as the TUI starts.
    pub fn demo() -> Self {
        let source = Source::Demo;
        let mut state = initial_state(&source, &Settings::default(), None, now());
        state.size = (120, 40);
        let mut app = App::new(source, state);
        let out = start(&mut app.state);
        app.answer(out.effects);
        app
    }

    pub fn new(source: Source, state: State) -> Self {
        let (runner, replies) = Runner::new(Arc::new(source), Arc::new(now), None);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        App {
            state,
            runner,
            replies,
            runtime,
        }
    }

    /// Runs effects through the app's runner until every reply is in, as the event loop would
    /// a moment later.
    pub fn answer(&mut self, effects: Vec<Effect>) {
        let settle = self
            .runner
            .settle(&mut self.state, &mut self.replies, effects);
        self.runtime.block_on(settle);
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_with(code, KeyModifiers::NONE)
    }

    pub fn key_with(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        let out = update(&mut self.state, Action::Key(KeyEvent::new(code, mods)));
        self.answer(out.effects);
        self
    }

    pub fn keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    pub fn selected(&self) -> &str {
        self.state.selected_campaign().map_or("", |c| c.id())
    }

    pub fn screen(&self) -> String {
        let area = Rect::new(0, 0, self.state.size.0, self.state.size.1);
        let mut buf = Buffer::empty(area);
        pinview::ui::draw_buffer(&self.state, area, &mut buf);
        to_text(&buf)
    }
}
