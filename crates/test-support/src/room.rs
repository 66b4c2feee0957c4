//! A workshop room spoken in the domain's words: "create a workshop from template X as the
//! facilitator, three people join, open SWOT, they post". The tests add what their scenario
//! needs on top (their own struct holding a [`Room`]), and keep their assertions to themselves.

use crate::browser::{Browser, PageAnswer};
use crate::server::{DataFolder, PASSWORD, Server, activity_of, log_head, spawn_app, str};
use serde_json::{Value, json};

/// A participant who joined through the API from a browser: their bearer token for the API,
/// and the browser holding their cookie for the pages.
pub struct Person {
    pub name: String,
    pub token: String,
    pub browser: Browser,
}

/// A workshop being run: its server, its facilitator signed in to the console, and the people
/// who joined.
pub struct Room {
    pub server: Server,
    /// The data folder with the facilitator's API token; kept as long as the server uses it.
    pub data: DataFolder,
    /// The facilitator's browser, signed in.
    pub facilitator: Browser,
    pub workshop: String,
    pub join_code: String,
    /// The workshop's JSON view as created (its agenda in `activities`).
    pub created: Value,
    pub people: Vec<Person>,
}

/// How a [`Room`] starts: [`Room::new`], then the builder's steps, then [`RoomBuilder::build`].
pub struct RoomBuilder {
    title: String,
    template: Option<String>,
    people: Vec<(String, String)>,
}

impl RoomBuilder {
    /// The workshop comes from a shipped template rather than the default agenda.
    pub fn from_template(mut self, template: &str) -> RoomBuilder {
        self.template = Some(template.to_owned());
        self
    }

    /// These people join, in this order: (name, service).
    pub fn people(mut self, people: &[(&str, &str)]) -> RoomBuilder {
        self.people.extend(people.iter().map(|(name, service)| ((*name).to_owned(), (*service).to_owned())));
        self
    }

    /// Starts a server in-process over a new data folder, creates the workshop with the
    /// facilitator's API token, signs the facilitator in and lets the people join.
    pub async fn build(self) -> Room {
        let data = DataFolder::new();
        let server = spawn_app(&data);
        self.build_on(server, data).await
    }

    /// The same on a server started otherwise (e.g. the binary) over `data`.
    pub async fn build_on(self, server: Server, data: DataFolder) -> Room {
        let created = match &self.template {
            Some(template) => server.create_from_template(&data.token, &self.title, template).await,
            None => server.create_workshop(&data.token, &self.title).await,
        };
        let workshop = str(&created, "id").to_owned();
        let join_code = str(&created, "join_code").to_owned();
        let mut facilitator = Browser::open(&server, "fr").await;
        facilitator.sign_in("ann@example.org", PASSWORD).await;
        let mut room = Room { server, data, facilitator, workshop, join_code, created, people: Vec::new() };
        for (name, service) in &self.people {
            room.join(name, service).await;
        }
        room
    }
}

impl Room {
    /// A room for a workshop titled `title`, from the default agenda unless told otherwise.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(title: &str) -> RoomBuilder {
        RoomBuilder { title: title.to_owned(), template: None, people: Vec::new() }
    }

    /// The facilitator's API token.
    pub fn token(&self) -> &str {
        &self.data.token
    }

    /// A path in the workshop's console: `/facilitator/workshops/{id}{rest}`.
    pub fn console(&self, rest: &str) -> String {
        format!("/facilitator/workshops/{}{rest}", self.workshop)
    }

    /// The id of the first activity of `kind` in the agenda as created.
    pub fn activity(&self, kind: &str) -> String {
        activity_of(&self.created, kind)
    }

    /// The id of the agenda's activity at `index`, which must be of `kind`.
    pub fn activity_at(&self, index: usize, kind: &str) -> String {
        let created = &self.created;
        assert_eq!(created["activities"][index]["kind"], kind, "the agenda: {created}");
        str(&created["activities"][index], "id").to_owned()
    }

    /// The ids of the agenda's activities as created, in order.
    pub fn activities(&self) -> Vec<String> {
        let activities = self.created["activities"].as_array().expect("the workshop lists its activities");
        activities.iter().map(|activity| str(activity, "id").to_owned()).collect()
    }

    /// Someone joins through the API from a new browser; returns their index in `people`.
    pub async fn join(&mut self, name: &str, service: &str) -> usize {
        let person = join_from_browser(&self.server, &self.join_code, name, service).await;
        self.people.push(person);
        self.people.len() - 1
    }

    /// Adds an activity with the console's form; its id is the end of the redirect.
    pub async fn add_activity(&mut self, kind: &str, title: &str, prompt: &str) -> String {
        let path = self.console("/activities");
        let answer = self.facilitator.post_form(&path, &[("kind", kind), ("title", title), ("prompt", prompt)]).await;
        assert_eq!(answer.status, 303, "adding a {kind} activity: {}", answer.body);
        let location = answer.location.expect("a redirect to the new activity");
        location.rsplit('/').next().expect("an id at the end of the redirect").to_owned()
    }

    /// Saves an activity's settings with the console's form (`fields` are the whole form).
    pub async fn edit(&mut self, activity: &str, fields: &[(&str, &str)]) {
        let path = self.console(&format!("/activities/{activity}/edit"));
        let answer = self.facilitator.post_form(&path, fields).await;
        assert_eq!(answer.status, 303, "editing {activity}: {}", answer.body);
    }

    /// A facilitator's button on an activity (`open`, `close`, `brainwriting-start`, …) with
    /// the console's form and its `fields`.
    pub async fn act(&mut self, activity: &str, action: &str, fields: &[(&str, &str)]) -> PageAnswer {
        let path = self.console(&format!("/activities/{activity}/{action}"));
        let answer = self.facilitator.post_form(&path, fields).await;
        assert_eq!(answer.status, 303, "{action} on {activity}: {}", answer.body);
        answer
    }

    /// The facilitator opens an activity with the console's button.
    pub async fn open(&mut self, activity: &str) {
        self.act(activity, "open", &[]).await;
    }

    /// The facilitator seats the room at tables of `size`.
    pub async fn form_tables(&mut self, size: usize) {
        let answer = self.facilitator.post_form(&self.console("/tables"), &[("table_size", &size.to_string())]).await;
        assert_eq!(answer.status, 303, "forming tables: {}", answer.body);
    }

    /// Person `index` posts a contribution through the API (`body` names its activity).
    pub async fn post(&self, index: usize, body: Value) -> PageAnswer {
        let url = self.server.url(&format!("/api/v1/workshops/{}/contributions", self.workshop));
        let response =
            self.server.http.post(url).bearer_auth(&self.people[index].token).json(&body).send().await.unwrap();
        PageAnswer::read(response).await
    }

    /// Person `index` posts a note in `activity`; the note's id.
    pub async fn post_note(&self, index: usize, activity: &str, text: &str) -> String {
        let answer = self.post(index, json!({"activity_id": activity, "text": text})).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        str(&serde_json::from_str::<Value>(&answer.body).expect("JSON"), "id").to_owned()
    }

    /// The workshop as its facilitator's API sees it.
    pub async fn view(&self) -> Value {
        self.server.workshop(&self.data.token, &self.workshop).await
    }

    /// The head of the log: (seq, head_hash).
    pub async fn head(&self) -> (u64, String) {
        log_head(&self.server, &self.data.token, &self.workshop).await
    }
}

/// Joins through the API from a new browser, which keeps the participant cookie for the pages.
pub async fn join_from_browser(server: &Server, join_code: &str, name: &str, service: &str) -> Person {
    let mut browser = Browser::open(server, "fr").await;
    let request = browser
        .build(reqwest::Method::POST, "/api/v1/join")
        .json(&json!({"join_code": join_code, "name": name, "service": service}));
    let answer = browser.send(request).await;
    assert_eq!(answer.status, 200, "{name} joins: {}", answer.body);
    let joined: Value = serde_json::from_str(&answer.body).expect("JSON");
    Person { name: name.to_owned(), token: str(&joined, "token").to_owned(), browser }
}

/// A retrospective whose vote is open: voters joined, and lessons to grade posted in its SWOT.
pub struct VoteRoom {
    pub workshop: String,
    pub join_code: String,
    pub ballot_box: String,
    pub voters: Vec<String>,
    pub items: Vec<String>,
}

impl VoteRoom {
    pub async fn open(server: &Server, data: &DataFolder, title: &str, voters: usize, items: usize) -> VoteRoom {
        let created = server.create_from_template(&data.token, title, "lessons-learned-retrospective").await;
        let workshop = str(&created, "id").to_owned();
        let join_code = str(&created, "join_code").to_owned();
        let (lessons, ballot_box) = (activity_of(&created, "swot"), activity_of(&created, "vote"));
        server.open(&data.token, &workshop, &lessons).await;
        let mut tokens = Vec::new();
        for n in 0..voters {
            tokens.push(str(&server.join(&join_code, &format!("Votant {n}")).await, "token").to_owned());
        }
        let mut posted = Vec::new();
        for n in 0..items {
            let response = server
                .http
                .post(server.url(&format!("/api/v1/workshops/{workshop}/contributions")))
                .bearer_auth(&tokens[0])
                .json(&json!({"activity_id": lessons, "kind": "strength", "text": format!("Leçon {n}")}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 201);
            posted.push(str(&response.json::<Value>().await.unwrap(), "id").to_owned());
        }
        server.open(&data.token, &workshop, &ballot_box).await;
        VoteRoom { workshop, join_code, ballot_box, voters: tokens, items: posted }
    }

    /// Grades for every item, shifted by `shift`: consecutive shifts always differ.
    pub fn grades(&self, shift: usize) -> std::collections::BTreeMap<String, u8> {
        self.items.iter().enumerate().map(|(k, item)| (item.clone(), ((shift + k) % 6) as u8)).collect()
    }

    pub fn ballots_url(&self, server: &Server) -> String {
        server.url(&format!("/api/v1/workshops/{}/activities/{}/ballots", self.workshop, self.ballot_box))
    }
}
