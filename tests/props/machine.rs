//! The state machine: any sequence of keys, mouse events, resizes, fetch replies (current, stale
//! or stray, in any order), file changes and ticks through `app::update` never panics, keeps the
//! selection on a visible row that is on screen, and keeps focus on a pane that is drawn.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use pinview::app::keys::Mode;
use pinview::app::{Action, Effect, FetchError, State, start, update};
use pinview::images;
use pinview::model::Campaign;
use pinview::source::Target;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::campaigns::{campaigns, now};
use super::draw::size;
use super::output::check_frame;
use super::strings::{nasty, nasty_char, short};
use super::{Budget, run};

const CASES: u32 = 250;

/// What a source answers.
#[derive(Clone, Debug)]
enum Reply {
    Campaigns(Vec<Campaign>),
    Failed { transient: bool, why: String },
}

#[derive(Clone, Debug)]
enum Step {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// The clock moves by this many seconds (backwards too).
    Tick(i64),
    /// One of the effects asked for so far is answered, late or not.
    Answer {
        effect: Index,
        reply: Reply,
    },
    /// A reply for any endpoint with any request id, as a confused source might send.
    Stray {
        endpoint: Index,
        request: u64,
        reply: Reply,
    },
    FilesChanged(Vec<Index>),
    /// Files appeared: endpoints named after these numbers, some already listed.
    EndpointsFound(Vec<u8>),
    Draw,
}

/// Every key the tables dispatch, with the modifier it is bound with.
fn table_key() -> impl Strategy<Value = KeyEvent> {
    let keys: Vec<(KeyCode, bool)> = Mode::ALL
        .iter()
        .flat_map(|m| m.bindings())
        .flat_map(|b| b.keys)
        .map(|k| (k.code, k.ctrl))
        .collect();
    select(keys).prop_map(|(code, ctrl)| {
        let mods = if ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(code, mods)
    })
}

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        4 => nasty_char().prop_map(KeyCode::Char),
        1 => select(vec![
            KeyCode::Backspace, KeyCode::Enter, KeyCode::Left, KeyCode::Right, KeyCode::Up,
            KeyCode::Down, KeyCode::Home, KeyCode::End, KeyCode::PageUp, KeyCode::PageDown,
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Delete, KeyCode::Insert, KeyCode::Null,
            KeyCode::Esc, KeyCode::CapsLock, KeyCode::F(1), KeyCode::F(24),
        ]),
    ];
    let mods = prop_oneof![
        3 => Just(KeyModifiers::NONE),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ];
    let kind = prop_oneof![
        6 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Repeat),
        1 => Just(KeyEventKind::Release),
    ];
    (code, mods, kind).prop_map(|(code, mods, kind)| KeyEvent::new_with_kind(code, mods, kind))
}

fn mouse() -> impl Strategy<Value = MouseEvent> {
    let button = select(vec![
        MouseButton::Left,
        MouseButton::Right,
        MouseButton::Middle,
    ]);
    let kind = prop_oneof![
        4 => Just(MouseEventKind::Down(MouseButton::Left)),
        3 => select(vec![MouseEventKind::ScrollDown, MouseEventKind::ScrollUp]),
        1 => button.clone().prop_map(MouseEventKind::Down),
        1 => button.clone().prop_map(MouseEventKind::Up),
        1 => button.prop_map(MouseEventKind::Drag),
        1 => select(vec![
            MouseEventKind::Moved, MouseEventKind::ScrollLeft, MouseEventKind::ScrollRight,
        ]),
    ];
    let at = prop_oneof![4 => (0u16..310, 0u16..110), 1 => any::<(u16, u16)>()];
    (kind, at, any::<u8>()).prop_map(|(kind, (column, row), mods)| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::from_bits_truncate(mods),
    })
}

fn reply() -> impl Strategy<Value = Reply> {
    prop_oneof![
        3 => campaigns(6).prop_map(Reply::Campaigns),
        1 => (any::<bool>(), nasty(60)).prop_map(|(transient, why)| Reply::Failed { transient, why }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let tick = prop_oneof![4 => 0i64..120, 1 => -100_000i64..10_000_000];
    prop_oneof![
        8 => table_key().prop_map(Step::Key),
        4 => any_key().prop_map(Step::Key),
        3 => mouse().prop_map(Step::Mouse),
        2 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        2 => tick.prop_map(Step::Tick),
        4 => (any::<Index>(), reply()).prop_map(|(effect, reply)| Step::Answer { effect, reply }),
        1 => (any::<Index>(), prop_oneof![0u64..4, any::<u64>()], reply())
            .prop_map(|(endpoint, request, reply)| Step::Stray { endpoint, request, reply }),
        1 => vec(any::<Index>(), 0..3).prop_map(Step::FilesChanged),
        1 => vec(0u8..6, 0..3).prop_map(Step::EndpointsFound),
        1 => Just(Step::Draw),
    ]
}

/// Where a run starts: its endpoints, window, clock and settings.
#[derive(Debug)]
struct Start {
    targets: Vec<Target>,
    size: (u16, u16),
    now: jiff::ZonedDateTime,
    refresh: bool,
    retry: bool,
    label_images: bool,
}

fn start_state() -> impl Strategy<Value = Start> {
    let target = prop_oneof![
        3 => select(vec!["android-pixel", "iphone-15", "web-chrome"])
            .prop_map(|e| Target::new("demo-app", e)),
        1 => (short(), short()).prop_map(|(a, e)| Target::new(a, e)),
    ];
    (vec(target, 1..5), size(), now(), any::<[bool; 3]>()).prop_map(
        |(targets, size, now, [refresh, retry, label_images])| Start {
            targets,
            size,
            now,
            refresh,
            retry,
            label_images,
        },
    )
}

fn fetched(target: Target, request: u64, state: &State, reply: Reply) -> Action {
    let result = match reply {
        Reply::Campaigns(campaigns) => Ok(campaigns),
        Reply::Failed {
            transient: true,
            why,
        } => Err(FetchError::Transient(why)),
        Reply::Failed { why, .. } => Err(FetchError::Lasting(why)),
    };
    Action::Fetched {
        target,
        request,
        at: state.now.timestamp(),
        result,
        reviewed: None,
    }
}

/// The action a step is, given the state and the effects not yet answered.
fn action(step: Step, state: &State, pending: &mut Vec<Effect>) -> Option<Action> {
    Some(match step {
        Step::Key(key) => Action::Key(key),
        Step::Mouse(mouse) => Action::Mouse(mouse),
        Step::Resize(w, h) => Action::Resize(w, h),
        Step::Tick(seconds) => {
            let by = jiff::SignedDuration::from_secs(seconds);
            Action::Tick(state.now.checked_add(by).unwrap_or(state.now.clone()))
        }
        Step::Answer { effect, reply } if !pending.is_empty() => {
            match pending.remove(effect.index(pending.len())) {
                Effect::Fetch { target, request } => fetched(target, request, state, reply),
                Effect::LoadImage { key, .. } => Action::ImageLoaded {
                    key,
                    result: Err(format!("{reply:?}")),
                },
                Effect::EncodeFrame(want) => Action::FrameReady {
                    key: want.key,
                    frame: Err("no encoder in this test".into()),
                },
                // Work no action answers (freeing memory) is done by dropping it.
                _ => return None,
            }
        }
        Step::Answer { .. } | Step::Draw => return None,
        Step::Stray {
            endpoint,
            request,
            reply,
        } => {
            let target = endpoint.get(&state.endpoints).target.clone();
            fetched(target, request, state, reply)
        }
        Step::FilesChanged(which) => Action::FilesChanged(
            which
                .iter()
                .map(|i| i.get(&state.endpoints).target.clone())
                .collect(),
        ),
        Step::EndpointsFound(names) => {
            let app = state
                .endpoints
                .first()
                .map_or_else(|| "app".to_string(), |e| e.target.app.clone());
            Action::EndpointsFound(
                names
                    .iter()
                    .map(|n| (Target::new(app.clone(), format!("e{n}")), None))
                    .collect(),
            )
        }
    })
}

/// What must hold after every step.
fn invariants(state: &State, after: &str) -> Result<(), TestCaseError> {
    prop_assert!(state.current < state.endpoints.len(), "{}: current", after);
    let campaigns = state.campaigns().len();
    prop_assert!(
        state.visible.iter().all(|&i| i < campaigns),
        "{}: visible {:?} of {} campaigns",
        after,
        state.visible,
        campaigns
    );
    if state.visible.is_empty() {
        prop_assert_eq!(state.selected, 0, "{}: selection in an empty list", after);
    } else {
        prop_assert!(
            state.selected < state.visible.len(),
            "{}: selected {} of {} rows",
            after,
            state.selected,
            state.visible.len()
        );
    }
    let screen = state.screen();
    let shown = screen.focusable();
    prop_assert!(
        shown.is_empty() || shown.contains(&state.focus),
        "{}: focus on {:?}, not drawn at {:?} ({:?})",
        after,
        state.focus,
        state.size,
        screen.mode
    );
    if let Some(list) = screen.list.filter(|_| !state.visible.is_empty()) {
        let rows = usize::from(list.height.saturating_sub(2)).max(1);
        let top = state.list_offset;
        prop_assert!(
            (top..top + rows).contains(&state.selected),
            "{}: selected row {} off screen (rows {}..{})",
            after,
            state.selected,
            top,
            top + rows
        );
    }
    let cards = state.selected_campaign().map_or(0, |c| c.cards().len());
    prop_assert!(
        state.page == 0 || state.page < cards,
        "{}: card {} of {}",
        after,
        state.page,
        cards
    );
    Ok(())
}

fn draw(state: &State) -> Result<(), TestCaseError> {
    let area = Rect::new(0, 0, state.size.0, state.size.1);
    let mut buf = Buffer::empty(area);
    pinview::ui::draw_buffer(state, area, &mut buf);
    check_frame(&buf)
}

fn drive((start_at, steps): (Start, Vec<Step>)) -> Result<(), TestCaseError> {
    let mut state = State::new("props", start_at.targets, start_at.now);
    state.size = start_at.size;
    state.refresh = start_at
        .refresh
        .then_some(std::time::Duration::from_secs(30));
    state.retry = start_at.retry;
    if start_at.label_images {
        state.images.mode = images::Mode::Label;
    }
    let mut pending = start(&mut state).effects;
    invariants(&state, "start")?;
    for (n, step) in steps.into_iter().enumerate() {
        let what = format!("step {n} {step:?}");
        let drawing = matches!(step, Step::Draw);
        if let Some(action) = action(step, &state, &mut pending) {
            pending.extend(update(&mut state, action).effects);
        }
        invariants(&state, &what)?;
        if drawing {
            draw(&state)?;
        }
    }
    draw(&state)
}

fn runs() -> impl Strategy<Value = (Start, Vec<Step>)> {
    (start_state(), vec(step(), 1..48))
}

#[test]
fn any_events_keep_selection_and_focus_on_screen() {
    run("machine", Budget::bounded(CASES), runs(), drive);
}

#[test]
#[ignore = "long run: PINVIEW_PROPTEST_CASES"]
fn any_events_keep_selection_and_focus_on_screen_long() {
    run("machine (long)", Budget::long(CASES), runs(), drive);
}
